import ast
from pathlib import Path

from odoo.tests import TransactionCase, tagged

ADDON = Path(__file__).resolve().parents[2]


@tagged("post_install", "-at_install")
class TestHouseRules(TransactionCase):
    """The conventions a contributor follows, checked on the addon's own files."""

    def _python_files(self):
        return [path for path in ADDON.rglob("*.py") if "tests" not in path.relative_to(ADDON).parts]

    def test_01_translations_go_through_env(self):
        """Texts are translated with self.env._() (or request.env._()), never with odoo's module-level _."""
        offenders = []
        for path in self._python_files():
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.ImportFrom) and node.module == "odoo" and any(a.name == "_" for a in node.names):
                    offenders.append(f"{path.relative_to(ADDON)}:{node.lineno}")
                if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "_":
                    offenders.append(f"{path.relative_to(ADDON)}:{node.lineno}")
        self.assertEqual(offenders, [])

    def test_02_manifest_and_readme(self):
        """The manifest has no deprecated description; readme/ holds the OCA fragments."""
        manifest = ast.literal_eval((ADDON / "__manifest__.py").read_text(encoding="utf-8"))
        self.assertNotIn("description", manifest)
        for fragment in ("DESCRIPTION.md", "USAGE.md", "CONFIGURE.md"):
            self.assertTrue((ADDON / "readme" / fragment).read_text(encoding="utf-8").strip(), fragment)

    def test_03_models_are_imported_in_one_list(self):
        """Each room's __init__ imports nothing; models/__init__.py imports every model module, once."""
        models_dir = ADDON / "models"
        listed = []
        for node in ast.walk(ast.parse((models_dir / "__init__.py").read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                listed += [f"{node.module}/{alias.name}.py" for alias in node.names]
        rooms = [path for path in models_dir.iterdir() if path.is_dir() and (path / "__init__.py").exists()]
        for room in rooms:
            tree = ast.parse((room / "__init__.py").read_text(encoding="utf-8"))
            self.assertFalse([node for node in tree.body if isinstance(node, (ast.Import, ast.ImportFrom))], room.name)
        modules = sorted(
            f"{path.parent.name}/{path.name}" for room in rooms for path in room.glob("*.py") if path.name != "__init__.py"
        )
        # ops_sync_schema holds no model: helpers the sync and the lead pipeline import
        self.assertEqual(sorted(listed), [module for module in modules if module != "sync/ops_sync_schema.py"])
