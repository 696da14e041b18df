"""Names in every interface language: English is required, the others fall back to it.

What administrators name for everyone (an inspection template's areas, a
request's kinds and topics) is named once per interface language.
"""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from common import limits
from common.validators import single_line

# The four name fields of ``Names``, in the order forms and the API list them.
NAME_FIELDS = ("name", "name_et", "name_ru", "name_zh_hans")


def pick(names: dict, language: str | None = None) -> str:
    """The name in ``language`` (the active one by default), else English, else any."""
    language = (language or get_language() or "en").lower()
    return names.get(language) or names.get(language.split("-")[0]) or names.get("en") or ""


class Names(models.Model):
    """Four name fields, so templates can be written once and read in any language."""

    name = models.CharField(_("name (English)"), max_length=limits.NAME, validators=[single_line])
    name_et = models.CharField(
        _("name (Estonian)"), max_length=limits.NAME, blank=True, validators=[single_line]
    )
    name_ru = models.CharField(
        _("name (Russian)"), max_length=limits.NAME, blank=True, validators=[single_line]
    )
    name_zh_hans = models.CharField(
        _("name (Chinese)"), max_length=limits.NAME, blank=True, validators=[single_line]
    )

    class Meta:
        abstract = True

    def __str__(self):
        return self.label

    def names(self) -> dict:
        """The snapshot inspections keep, keyed by language code."""
        return {
            "en": self.name,
            "et": self.name_et,
            "ru": self.name_ru,
            "zh-hans": self.name_zh_hans,
        }

    @property
    def label(self) -> str:
        return pick(self.names())
