from . import approval_mail
