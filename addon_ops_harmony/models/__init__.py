from . import res_users
from . import crm_lead
