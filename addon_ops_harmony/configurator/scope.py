"""What an expression may name at its place in the rule set (§3): the names available and those declared later."""

AVAILABLE = "available"
FORWARD = "forward"


class Scope:
    """Names an expression sees: options and derived ids (available or forward), `price`, and the iteration stack."""

    __slots__ = ("names", "options", "price", "tables", "iterations")

    def __init__(self, names, options, tables, price=False, iterations=()):
        self.names = names
        self.options = options
        self.tables = tables
        self.price = price
        self.iterations = iterations

    def inside(self, table):
        """The scope of an iteration's second argument: `it` is the element (a row of `table`, or unknown when None)."""
        return Scope(self.names, self.options, self.tables, self.price, self.iterations + (table,))
