"""The framework studio through Flask's test client: drafting, saving, and its defences.

The browser walk and the accessibility checks are in test_studio_browser.py; here every request is
made as a browser would make it, from the forms the pages carry, and every promise is checked on
the files in the studio's folder.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from ratings_engine.cli import cli
from ratings_engine.studio.pointers import field_id

from studio_client import CORPUS, HOST, errors_at, errors_on, form_fields, studio_app

DRAFT = "hmip-crc@2099"
EDIT = f"/drafts/{DRAFT}/edit"
RI_BELOW, GOOD_FROM = "/banding/bands/1/below", "/banding/bands/2/at_least"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return tmp_path / "frameworks"


@pytest.fixture
def client(folder: Path):
    return studio_app(folder).test_client()


def start_draft(client) -> bytes:
    page = client.get("/versions/hmip-crc@2019", headers=HOST)
    fields = form_fields(page.data)
    response = client.post("/drafts", data={**fields, "target": DRAFT}, headers=HOST)
    assert response.status_code == 302, response.data
    return client.get(EDIT + "?section=bands", headers=HOST).data


def post(client, page: bytes, action: str, **changes: str):
    fields = form_fields(page, "editor")
    fields.update({"v:" + pointer: value for pointer, value in changes.items()})
    return client.post(EDIT, data={**fields, "action": action}, headers=HOST)


def test_a_draft_started_in_the_studio_is_the_draft_the_command_line_starts(client, folder, tmp_path):
    start_draft(client)
    other = tmp_path / "cli"
    result = CliRunner().invoke(cli, ["frameworks", "new", DRAFT, "--from", "hmip-crc@2019", "--into", str(other)])
    assert result.exit_code == 0, result.output
    assert (folder / "hmip-crc" / "2099.json").read_bytes() == (other / "hmip-crc" / "2099.json").read_bytes()


def test_an_overlapping_band_is_shown_at_its_field_and_nothing_is_written(client, folder):
    page = start_draft(client)
    before = (folder / "hmip-crc" / "2099.json").read_bytes()
    response = post(client, page, "save", **{RI_BELOW: "70"})
    assert response.status_code == 422
    assert any("bands overlap" in e for e in errors_at(response.data, field_id(GOOD_FROM)))
    assert b"Not saved" in response.data
    assert (folder / "hmip-crc" / "2099.json").read_bytes() == before
    # The officer's typed value is kept in the page, not lost with the refusal.
    assert form_fields(response.data, "editor")["v:" + RI_BELOW] == "70"


def test_raising_good_to_70_saves_a_file_validate_accepts_with_the_meaning_of_the_same_edit_by_hand(client, folder, tmp_path):
    page = start_draft(client)
    page = post(client, page, "check", **{RI_BELOW: "70"}).data
    response = post(client, page, "save", **{GOOD_FROM: "70"})
    assert response.status_code == 302 and "saved=saved" in response.headers["Location"]
    saved = folder / "hmip-crc" / "2099.json"
    result = CliRunner().invoke(cli, ["validate", str(saved)])
    assert result.exit_code == 0, result.output

    by_hand = tmp_path / "cli"
    CliRunner().invoke(cli, ["frameworks", "new", DRAFT, "--from", "hmip-crc@2019", "--into", str(by_hand)])
    edited = json.loads((by_hand / "hmip-crc" / "2099.json").read_text("utf-8"))
    edited["banding"]["bands"][1]["below"] = edited["banding"]["bands"][2]["at_least"] = 70
    assert json.loads(saved.read_text("utf-8")) == edited


def test_words_in_a_number_field_are_a_problem_at_the_field_and_the_text_stays(client):
    page = start_draft(client)
    response = post(client, page, "check", **{GOOD_FROM: "seventy"})
    assert any("expected a number" in e for e in errors_at(response.data, field_id(GOOD_FROM)))
    assert form_fields(response.data, "editor")["v:" + GOOD_FROM] == "seventy"


def test_the_check_as_you_type_answers_with_each_problem_and_its_field(client):
    page = start_draft(client)
    fields = form_fields(page, "editor")
    fields["v:" + RI_BELOW] = "70"
    answer = client.post(f"/drafts/{DRAFT}/check", data=fields, headers=HOST).get_json()
    assert [(p["code"], p["pointer"], p["field"]) for p in answer["problems"]] == [
        ("band-overlap", GOOD_FROM, field_id(GOOD_FROM))]


def test_a_key_question_is_added_moved_and_removed(client):
    page = start_draft(client)
    page = post(client, page, "section:domain-1").data
    questions = "/domains/1/standards/0/key_questions"
    count = len(json.loads(form_fields(page, "editor")["working"])["domains"][1]["standards"][0]["key_questions"])
    page = post(client, page, f"add:{questions}").data
    draft = json.loads(form_fields(page, "editor")["working"])
    added = draft["domains"][1]["standards"][0]["key_questions"][-1]
    assert len(draft["domains"][1]["standards"][0]["key_questions"]) == count + 1
    assert added["text"] == "" and added["id"] not in [q["id"] for q in draft["domains"][1]["standards"][0]["key_questions"][:-1]]
    # The new question's empty text is a problem at that very field.
    assert errors_at(page, field_id(f"{questions}/{count}/text"))
    page = post(client, page, f"up:{questions}/{count}").data
    draft = json.loads(form_fields(page, "editor")["working"])
    assert draft["domains"][1]["standards"][0]["key_questions"][count - 1]["id"] == added["id"]
    page = post(client, page, f"remove:{questions}/{count - 1}").data
    draft = json.loads(form_fields(page, "editor")["working"])
    assert added["id"] not in [q["id"] for q in draft["domains"][1]["standards"][0]["key_questions"]]
    assert not errors_on(page)


def test_a_stale_save_is_refused_with_the_differences_and_nothing_is_lost(client, folder):
    page = start_draft(client)
    mine = post(client, page, "check", **{RI_BELOW: "70", GOOD_FROM: "70"}).data
    # Another tab saves first.
    theirs = post(client, page, "save", **{"/title": "Another title"})
    assert theirs.status_code == 302
    on_disk = (folder / "hmip-crc" / "2099.json").read_bytes()
    response = post(client, mine, "save")
    assert response.status_code == 409
    assert (folder / "hmip-crc" / "2099.json").read_bytes() == on_disk
    assert b"changed since you opened it" in response.data and b"Another title" in response.data
    kept = json.loads(form_fields(response.data)["working"])
    assert kept["banding"]["bands"][2]["at_least"] == 70


def test_published_versions_are_never_written(client, folder):
    page = start_draft(client)
    fields = form_fields(post(client, page, "publish").data)
    response = client.post(f"/drafts/{DRAFT}/publish", data={**fields, "status": "published", "confirm": "yes",
                                                               "effective_from": "2026-04-01"}, headers=HOST)
    assert response.status_code == 302
    published = json.loads((folder / "hmip-crc" / "2099.json").read_text("utf-8"))
    assert published["status"] == "published" and published["effective_from"] == "2026-04-01"
    assert client.get(EDIT, headers=HOST).status_code == 409
    before = (folder / "hmip-crc" / "2099.json").read_bytes()
    again = post(client, page, "save", **{"/title": "Changed after publishing"})
    assert again.status_code == 409 and b"no longer a draft" in again.data
    assert (folder / "hmip-crc" / "2099.json").read_bytes() == before
    # The installed versions are read-only too.
    assert client.get("/drafts/hmip-crc@2019/edit", headers=HOST).status_code == 409


def test_publishing_needs_the_confirmation(client, folder):
    page = start_draft(client)
    fields = form_fields(post(client, page, "publish").data)
    response = client.post(f"/drafts/{DRAFT}/publish", data={**fields, "status": "published"}, headers=HOST)
    assert response.status_code == 422
    assert json.loads((folder / "hmip-crc" / "2099.json").read_text("utf-8"))["status"] == "draft"


def test_a_draft_keeps_its_identity(client, folder):
    page = start_draft(client)
    fields = form_fields(page, "editor")
    working = json.loads(fields["working"])
    working["version"] = "2019"
    response = client.post(EDIT, data={**fields, "working": json.dumps(working), "action": "save"}, headers=HOST)
    assert response.status_code == 422 and b"draft-identity" in response.data


def test_compare_shows_the_briefing_and_the_impact_on_the_corpus(client):
    page = start_draft(client)
    response = post(client, page, "compare", **{RI_BELOW: "70", GOOD_FROM: "70"})
    assert response.status_code == 200
    text = response.data.decode()
    assert "Against hmip-crc@2019" in text and "70" in text
    assert "21 inspections in the corpus" in text
    frame = text.split('<iframe class="report" src="')[1].split('"')[0]
    impact_page = client.get(frame, headers=HOST)
    assert impact_page.status_code == 200 and b"<svg" in impact_page.data
    assert "script-src" not in impact_page.headers["Content-Security-Policy"]


def test_an_inspection_is_evaluated_from_the_corpus_and_from_an_upload(client):
    fields = form_fields(client.get("/evaluate", headers=HOST).data)
    response = client.post("/evaluate", data={**fields, "version": "hmip-crc@2019", "inspection": "crc-01-northshire.json"}, headers=HOST)
    assert response.status_code == 200, errors_on(response.data)
    example = Path(__file__).resolve().parent.parent / "examples" / "south-yorkshire-crc-2020.json"
    with example.open("rb") as upload:
        response = client.post("/evaluate", data={**fields, "version": "hmip-crc@2019", "inspection": "", "upload": (upload, "sy.json")},
                               headers=HOST, content_type="multipart/form-data")
    assert response.status_code == 200
    report = client.get(response.data.decode().split('<iframe class="report" src="')[1].split('"')[0], headers=HOST)
    assert b"South Yorkshire" in report.data


def test_an_upload_that_is_not_json_is_reported_with_its_place(client):
    fields = form_fields(client.get("/evaluate", headers=HOST).data)
    from io import BytesIO

    response = client.post("/evaluate", data={**fields, "version": "hmip-crc@2019", "inspection": "",
                                              "upload": (BytesIO(b'{"provider": "x",}'), "broken.json")},
                           headers=HOST, content_type="multipart/form-data")
    assert response.status_code == 422 and b"uploaded broken.json" in response.data and b"json-syntax" in response.data


def test_search_finds_questions_across_versions(client):
    response = client.get("/search?q=harm", headers=HOST)
    assert response.status_code == 200 and b"hmip-crc@2019" in response.data and b"hmip-nps@2019" in response.data


# The defences


def test_a_foreign_host_header_is_refused(client):
    assert client.get("/", headers={"Host": "rebound.example:8765"}).status_code == 400
    assert client.get("/", headers={"Host": "127.0.0.1:9999"}).status_code == 400
    assert client.get("/", headers={"Host": "localhost:8765"}).status_code == 200


def test_a_change_without_the_csrf_token_is_refused(client, folder):
    page = start_draft(client)
    fields = form_fields(page, "editor")
    before = (folder / "hmip-crc" / "2099.json").read_bytes()
    for token in ("", "forged"):
        response = client.post(EDIT, data={**fields, "csrf": token, "action": "save", "v:/title": "X"}, headers=HOST)
        assert response.status_code == 403
    other_site = client.post(EDIT, data={**fields, "action": "save"}, headers={**HOST, "Origin": "http://evil.example"})
    assert other_site.status_code == 403
    assert (folder / "hmip-crc" / "2099.json").read_bytes() == before


@pytest.mark.parametrize("path", ["/versions/..%2F..%2Fsecret", "/drafts/..%2F..%2Fsecret/edit", "/static/../workspace.py",
                                  "/static/%2e%2e/workspace.py", "/versions/hmip-crc@2019%2F..%2F..%2Fx"])
def test_a_path_outside_the_folders_cannot_be_named(client, path):
    assert client.get(path, headers=HOST).status_code == 404


def test_an_inspection_outside_the_corpus_cannot_be_picked(client, tmp_path):
    secret = tmp_path / "secret.json"
    secret.write_text("{}", "utf-8")
    fields = form_fields(client.get("/evaluate", headers=HOST).data)
    for name in ("../secret.json", str(secret), "../../examples/south-yorkshire-crc-2020.json"):
        response = client.post("/evaluate", data={**fields, "version": "hmip-crc@2019", "inspection": name}, headers=HOST)
        assert response.status_code == 404


def test_an_uploaded_inspection_cannot_make_the_studio_read_other_files(client):
    fields = form_fields(client.get("/evaluate", headers=HOST).data)
    example = json.loads((Path(__file__).resolve().parent.parent / "examples" / "south-yorkshire-crc-2020.json").read_text("utf-8"))
    example["pooled_from"] = [{"file": "../../../etc/passwd", "sha256": "0" * 64}]
    from io import BytesIO

    response = client.post("/evaluate", data={**fields, "version": "hmip-crc@2019", "inspection": "",
                                              "upload": (BytesIO(json.dumps(example).encode()), "pooled.json")},
                           headers=HOST, content_type="multipart/form-data")
    assert response.status_code == 422 and b"pooled-upload" in response.data


def test_an_oversize_upload_is_refused(client):
    from io import BytesIO

    from ratings_engine.studio.app import UPLOAD_LIMIT

    client.get("/evaluate", headers=HOST)
    # The body as bytes: refused on its declared length, before a byte of it is read.
    response = client.post("/evaluate", data=BytesIO(b" " * (UPLOAD_LIMIT + 1)), headers=HOST,
                           content_type="multipart/form-data; boundary=x")
    assert response.status_code == 413 and b"larger than the studio accepts" in response.data


def test_on_another_address_every_request_needs_the_token(folder):
    client = studio_app(folder, host="0.0.0.0", token="s3cret-token").test_client()  # noqa: S104,S106 - the settings under test
    assert client.get("/", headers={"Host": "192.0.2.7:8765"}).status_code == 403
    assert client.get("/?token=wrong", headers={"Host": "192.0.2.7:8765"}).status_code == 403
    first = client.get("/?token=s3cret-token", headers={"Host": "192.0.2.7:8765"})
    assert first.status_code == 302 and "?token" not in first.headers["Location"]
    assert client.get("/", headers={"Host": "192.0.2.7:8765"}).status_code == 200  # the cookie the first visit set


def test_the_command_says_how_to_install_the_extra_when_flask_is_missing():
    code = ("import sys; sys.modules['flask'] = None; sys.modules['werkzeug'] = None; "
            "from ratings_engine.cli import main; sys.argv = ['ratings', 'studio', '--no-browser']; main()")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 1
    assert "pip install 'ratings-engine[studio]'" in done.stderr and "Traceback" not in done.stderr


def test_the_command_serves_the_studio_on_loopback(tmp_path):
    with subprocess.Popen([sys.executable, "-m", "ratings_engine", "studio", "--no-browser", "--port", "0",
                           "--frameworks-dir", str(tmp_path / "frameworks")],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) as done:
        try:
            _first_page(done)
        finally:
            done.terminate()
            done.communicate(timeout=30)


def _first_page(done: subprocess.Popen) -> None:
    """The address the studio printed answers with the list of versions."""
    from urllib.request import urlopen

    line = done.stdout.readline() if done.stdout else ""
    assert line.startswith("The framework studio is at http://127.0.0.1:")
    with urlopen(line.split(" at ")[1].strip(), timeout=30) as page:  # noqa: S310 - the loopback address it printed
        assert b"Framework versions" in page.read()


def test_a_filled_workbook_is_evaluated_as_ratings_import_reads_it(client, tmp_path):
    from io import BytesIO

    from sheets_fill import fill_workbook

    template = tmp_path / "template.xlsx"
    assert CliRunner().invoke(cli, ["template", "hmip-crc@2019", "-o", str(template)]).exit_code == 0
    inspection = json.loads((CORPUS / "crc-01-northshire.json").read_text("utf-8"))
    workbook = fill_workbook(template.read_bytes(), inspection)
    fields = form_fields(client.get("/evaluate", headers=HOST).data)
    response = client.post("/evaluate", data={**fields, "version": "hmip-crc@2019", "inspection": "",
                                              "upload": (BytesIO(workbook), "northshire.xlsx")},
                           headers=HOST, content_type="multipart/form-data")
    assert response.status_code == 200, errors_on(response.data)
    report = client.get(response.data.decode().split('<iframe class="report" src="')[1].split('"')[0], headers=HOST)
    assert inspection["provider"].encode() in report.data
    # A workbook with a problem names the upload, never the studio's temporary folder.
    broken = client.post("/evaluate", data={**fields, "version": "hmip-crc@2019", "inspection": "",
                                            "upload": (BytesIO(workbook[:2000]), "broken.xlsx")},
                         headers=HOST, content_type="multipart/form-data")
    assert broken.status_code == 422 and b"uploaded broken.xlsx" in broken.data and b"ratings-studio-" not in broken.data


def test_the_loopback_address_it_listens_on_is_its_own_name(folder):
    """Listening on another loopback address (127.0.0.2), the studio answers to that address, still to nothing else."""
    from ratings_engine.studio.guard import Guard, is_loopback

    assert is_loopback("127.0.0.2") and is_loopback("::1") and is_loopback("localhost") and not is_loopback("0.0.0.0")  # noqa: S104
    guard = Guard("127.0.0.2", 8765)
    assert guard.loopback_only and guard.token is None
    assert guard.host_allowed("127.0.0.2:8765") and guard.host_allowed("localhost:8765")
    assert not guard.host_allowed("127.0.0.3:8765") and not guard.host_allowed("rebound.example:8765")
