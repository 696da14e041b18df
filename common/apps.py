from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _

from common.choices import fast_choice_labels


class CommonConfig(AppConfig):
    name = "common"
    verbose_name = _("Common")

    def ready(self):
        # Each app declares its menu entries, URLs, API routes, demo data and
        # site tabs in its capability.py (common.capabilities says what). Here,
        # not in the URLconf: commands and tests read the registry too, and
        # the URLconf is loaded only on the first request.
        autodiscover_modules("capability")
        # Each app's state machines (common.states), so pages can ask them.
        autodiscover_modules("states")
        # A choice's label without translating every choice first (common.choices).
        fast_choice_labels()
        # Numbers kept localized (common.numbers) follow the settings that format them.
        from django.core.signals import setting_changed

        from common.numbers import forget_numbers

        setting_changed.connect(forget_numbers, dispatch_uid="common-numbers-setting")
