"""Staff accounts use Django's User and Group (roles) and django-otp's devices; this
module exists so that migrate sends this app's post_migrate signal (see apps.py)."""
