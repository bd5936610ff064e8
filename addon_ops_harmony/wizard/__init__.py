from . import ops_approval_decide_wizard
from . import ops_config_diff_wizard
from . import ops_config_import_wizard
