from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _after_migrate(sender, **kwargs) -> None:
    from roles.groups import roles_setup

    roles_setup(using=kwargs.get("using", "default"))


class RolesConfig(AppConfig):
    name = "roles"
    verbose_name = "Roles"

    def ready(self) -> None:
        # Permissions are created by `migrate` itself after the migrations ran (a data migration
        # would see none on a fresh database), so the groups are set after migrate: sent for
        # this app, installed last, once every other app's permissions exist.
        post_migrate.connect(_after_migrate, sender=self, dispatch_uid="roles_setup")
