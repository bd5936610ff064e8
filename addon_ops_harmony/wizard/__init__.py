from . import ops_approval_decide_wizard
