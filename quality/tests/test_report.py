"""The PDF report: the same scores as the page, in the reader's language, Chinese included."""

import re
import shutil
import subprocess

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from quality.services import inspections
from quality.tests import helpers

pytestmark = pytest.mark.skipif(
    not shutil.which("pdftotext"), reason="poppler-utils is not installed"
)


def _text(pdf: bytes, tmp_path) -> str:
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf)
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def _fonts(pdf: bytes, tmp_path) -> str:
    path = tmp_path / "fonts.pdf"
    path.write_bytes(pdf)
    return subprocess.run(["pdffonts", str(path)], capture_output=True, text=True).stdout


@pytest.fixture
def inspection(cast):
    helpers.default_template()
    draft = inspections.start(cast.site_a1, by=cast.staff.inspector)
    helpers.fill(draft, [5, 2, 4, 3, "na"])
    poor = draft.scores.get(score=2)
    inspections.add_photo(poor, helpers.photo_upload(), by=cast.staff.inspector)
    return inspections.submit(draft, by=cast.staff.inspector)


def _report_lines(client, inspection, tmp_path, language=None):
    url = reverse("quality_files:report", args=[inspection.pk])
    response = client.get(url, {"language": language} if language else {})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    return response.content, _text(response.content, tmp_path)


def test_the_client_reads_the_scores_in_estonian(client, cast, inspection, tmp_path):
    user = cast.admin_a.user
    user.language = "et"
    user.save()
    client.force_login(user)
    pdf, text = _report_lines(client, inspection, tmp_path)
    assert cast.client_a.name in text
    assert "Mammu" in text
    assert cast.staff.inspector.full_name in text
    # (2·5 + 2·2 + 1·4 + 2·3) / (7·5) = 68.6 %, shown the Estonian way.
    assert "68,6 %" in text
    assert "Floor ET" in text and "Fixtures ET" in text
    assert "Dust under the shelves" in text
    assert "DejaVu" in _fonts(pdf, tmp_path)


def test_the_report_in_chinese_embeds_a_chinese_font(client, cast, inspection, tmp_path):
    client.force_login(cast.staff.account_manager)
    pdf, text = _report_lines(client, inspection, tmp_path, language="zh-hans")
    assert "Floor 中" in text
    assert "Entrance 中" in text
    assert "68.6 %" in text or "68,6 %" in text
    if "WenQuanYi" not in subprocess.run(["fc-list"], capture_output=True, text=True).stdout:
        pytest.skip("fonts-wqy-microhei is not installed (make test installs it as root)")
    assert "WenQuanYi" in _fonts(pdf, tmp_path)


def test_each_score_is_marked_in_its_column(client, cast, inspection, tmp_path):
    client.force_login(cast.staff.inspector)
    _pdf, text = _report_lines(client, inspection, tmp_path, language="en")
    header = next(line for line in text.splitlines() if "Element" in line and "N/A" in line)
    columns = {n: header.index(str(n)) for n in range(1, 6)}
    for element, score in [("Floor", 2), ("Glass up to 180 cm", 4)]:
        row = next(line for line in text.splitlines() if element in line)
        mark = row.index(str(score), len(element) + row.index(element))
        nearest = min(columns, key=lambda n: abs(columns[n] - mark))
        assert nearest == score, (element, row)


def test_an_unknown_language_is_not_found(client, cast, inspection):
    client.force_login(cast.staff.inspector)
    url = reverse("quality_files:report", args=[inspection.pk])
    assert client.get(url, {"language": "xx"}).status_code == 404


def _raw_text(pdf: bytes, tmp_path, *options) -> str:
    path = tmp_path / "separate.pdf"
    path.write_bytes(pdf)
    return subprocess.run(
        ["pdftotext", *options, str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def _apart(*parts) -> re.Pattern:
    """The parts in this order, each ending at whitespace: nothing runs into the next."""
    return re.compile(r"\s+".join(r"\s+".join(map(re.escape, part.split())) for part in parts))


@pytest.mark.parametrize("language", ["en", "et", "ru", "zh-hans"])
def test_labels_and_values_do_not_run_together_in_any_language(
    client, cast, inspection, tmp_path, language
):
    client.force_login(cast.staff.inspector)
    pdf, _layout = _report_lines(client, inspection, tmp_path, language=language)
    with translation.override(language):
        meta = [
            (_("Client"), cast.client_a.name),
            (_("Site"), "Mammu, Ühe tee 15"),
            (_("Author"), cast.staff.inspector.full_name),
        ]
        headers = [
            [_("Work area"), _("Element"), "1", "2", "3", "4", "5", _("N/A")],
            [_("Element"), _("Score"), _("Responsible"), _("Deadline"), _("Status")],
            [_("Inspection by"), _("Checked by"), _("Date of check")],
        ]
        index_label, date_label = _("Quality index"), _("Date")
    # Read as a copy-paste or a screen reader would: in reading order, and as drawn.
    for options in [(), ("-raw",)]:
        text = _raw_text(pdf, tmp_path, *options)
        for label, value in meta:
            assert _apart(label, value).search(text), (language, options, label, text)
        assert re.search(_apart(index_label).pattern + r"\s+68[.,]6 %", text), (language, text)
        assert re.search(_apart(date_label).pattern + r"\s+\S*\d", text), (language, text)
    raw = _raw_text(pdf, tmp_path, "-raw")
    for row in headers:
        assert _apart(*row).search(raw), (language, row, raw)


@pytest.mark.parametrize("language", ["en", "et", "zh-hans"])
def test_the_file_name_carries_the_date_site_and_language(client, cast, inspection, language):
    client.force_login(cast.staff.account_manager)
    url = reverse("quality_files:report", args=[inspection.pk])
    response = client.get(url, {"language": language})
    day = timezone.localtime(inspection.published_at).date().isoformat()
    assert response["Content-Disposition"] == (
        f'inline; filename="inspection-{day}-mammu-{language}.pdf"'
    )


def test_the_file_name_follows_the_readers_language_by_default(client, cast, inspection):
    user = cast.admin_a.user
    user.language = "ru"
    user.save()
    client.force_login(user)
    response = client.get(reverse("quality_files:report", args=[inspection.pk]))
    assert response["Content-Disposition"].endswith('-mammu-ru.pdf"')
