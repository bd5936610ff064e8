from . import test_security_groups
from . import test_bridge_self_check
from . import test_control_room_tour
