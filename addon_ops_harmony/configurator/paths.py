"""JSON paths of problems and runtime errors: `$`, `.name` for an identifier key, `["+"]` otherwise, `[3]`."""

import json
import re

IDENTIFIER = re.compile(r"[a-z][a-z0-9_]{0,63}\Z")
PLAIN_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
ROOT = "$"


def key(path, name):
    if PLAIN_KEY.match(name):
        return f"{path}.{name}"
    return f"{path}[{json.dumps(name, ensure_ascii=False)}]"


def index(path, position):
    return f"{path}[{position}]"


def is_identifier(value):
    return type(value) is str and IDENTIFIER.match(value) is not None
