from django import forms
from django.utils.translation import gettext_lazy as _

from common import images, limits
from common.concurrency import VersionedModelForm
from common.forms import MultipleImageUploadField
from common.validators import multi_line
from quality.models import InspectionPlan
from quality.models.inspections import SCORES


class PlanForm(VersionedModelForm):
    class Meta:
        model = InspectionPlan
        fields = ["template", "every", "unit", "inspector", "starts_on"]
        widgets = {"starts_on": forms.DateInput(attrs={"type": "date"})}


class PhotosField(MultipleImageUploadField):
    """Several photos from one input, each cleaned by the image pipeline as the form validates."""

    def __init__(self, **kwargs):
        super().__init__(rules=images.PHOTO, **kwargs)


class SolveForm(forms.Form):
    solution = forms.CharField(
        label=_("What was done"),
        max_length=limits.COMMENT,
        validators=[multi_line],
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The client reads this in the portal."),
    )
    photos = PhotosField(label=_("Photos"))
    loaded_version = forms.IntegerField(widget=forms.HiddenInput)


class CheckForm(forms.Form):
    note = forms.CharField(
        label=_("Note from the check"),
        required=False,
        max_length=limits.REMARK,
        validators=[multi_line],
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when the problem is still there."),
    )
    loaded_version = forms.IntegerField(widget=forms.HiddenInput)


class RatingForm(forms.Form):
    """One optional 1–5 score and remark per work area, and a comment."""

    comment = forms.CharField(
        label=_("Anything else you want to tell us"),
        required=False,
        max_length=limits.COMMENT,
        validators=[multi_line],
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, areas, **kwargs):
        super().__init__(*args, **kwargs)
        self.areas = areas
        for area in areas:
            self.fields[f"score_{area.pk}"] = forms.TypedChoiceField(
                label=area.label,
                choices=SCORES,
                coerce=int,
                required=False,
                empty_value=None,
                widget=forms.RadioSelect,
            )
            self.fields[f"remark_{area.pk}"] = forms.CharField(
                label=_("What is wrong, or what is good"),
                required=False,
                max_length=limits.REMARK,
                validators=[multi_line],
                widget=forms.Textarea(attrs={"rows": 2}),
            )
        self.order_fields(
            [*(f for a in areas for f in (f"score_{a.pk}", f"remark_{a.pk}")), "comment"]
        )

    def rows(self):
        return [(area, self[f"score_{area.pk}"], self[f"remark_{area.pk}"]) for area in self.areas]

    def scores(self) -> dict:
        return {
            area.pk: (self.cleaned_data[f"score_{area.pk}"], self.cleaned_data[f"remark_{area.pk}"])
            for area in self.areas
        }
