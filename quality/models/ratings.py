from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from clients.models import Site, SiteRecord
from common import limits
from common.names import pick
from common.validators import long_text
from quality.models.inspections import SCORES, score_validators


class Rating(SiteRecord):
    """A client user's own rating of a site's services, area by area."""

    site = models.ForeignKey(
        Site, verbose_name=_("site"), on_delete=models.PROTECT, related_name="ratings"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("rated by"),
        on_delete=models.PROTECT,
        related_name="quality_ratings",
    )
    created_at = models.DateTimeField(_("rated"), auto_now_add=True)
    comment = models.TextField(
        _("comment"), blank=True, max_length=limits.COMMENT, validators=long_text(limits.COMMENT)
    )

    history = HistoricalRecords(excluded_fields=["client"])
    # Set on the ratings a page shows by quality.queries.latest_ratings.
    area_list: list["AreaRating"]

    class Meta:
        verbose_name = _("client rating")
        verbose_name_plural = _("client ratings")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["site", "-created_at"]),
            models.Index(fields=["client", "-id"], name="quality_rating_client_new"),
        ]

    def __str__(self):
        return f"{self.site} · {self.created_at:%Y-%m-%d}"

    def get_staff_url(self):
        return reverse("quality:site", args=[self.site_id])

    def get_portal_url(self):
        return reverse("portal_quality:site", args=[self.site_id])


class AreaRating(models.Model):
    rating = models.ForeignKey(
        Rating, verbose_name=_("rating"), on_delete=models.CASCADE, related_name="areas"
    )
    position = models.PositiveSmallIntegerField(_("position"))
    area_names = models.JSONField(_("work area"), default=dict)
    score = models.PositiveSmallIntegerField(
        _("score"), choices=SCORES, validators=score_validators
    )
    remark = models.TextField(
        _("remark"), blank=True, max_length=limits.REMARK, validators=long_text(limits.REMARK)
    )

    class Meta:
        verbose_name = _("area rating")
        verbose_name_plural = _("area ratings")
        ordering = ["rating_id", "position"]

    def __str__(self):
        return f"{self.area_label}: {self.score}"

    @property
    def area_label(self) -> str:
        return pick(self.area_names)
