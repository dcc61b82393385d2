"""What a hostile or careless client may send, as Hypothesis strategies drawn per field from the
form's HTML, and the raw request bodies that carry them (lone surrogates and all)."""
import datetime
import uuid
from urllib.parse import quote_from_bytes

from hypothesis import strategies as st

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
# What must never come back unescaped in a page.
UNESCAPED_MARKERS = (b"<script>alert(1)", b"<img src=x onerror")

HOSTILE = [
    SCRIPT, IMG, f"标题{SCRIPT}", "'; DROP TABLE motions_suggestion; --", "1 OR 1=1", "1; SELECT pg_sleep(0)",
    "\x00", "a\x00b", "\x1b[31mred\x1b[0m", "\u202eexe.txt", "\u202dltr\u202c", "\ud800", "x\udfffy", "\ufeff",
    "\u200b", "😀" * 3, "%s %d {0} {{ x }}", "{% debug %}", "../../etc/passwd", "   ", "", "null", "None",
    "NaN", "Infinity", "-1", "0", "1e309", "9" * 40, "-9999999999999999999", "2026-02-30", "2026-13-01",
    "0000-00-00", "9999-12-31", "10000-01-01", "1900-01-01", "2026/02/28", "abc", "１２３", "1,000", "١٢٣",
    "0x10", "1.5", "-0", "+5", "\t5\n", "2026-11-24T25:61", "24:00", "javascript:alert(1)", "\r\nX-Injected: 1",
]
BAD_DATES = ["2026-02-30", "2026-13-01", "0000-00-00", "9999-12-31", "0001-01-01", "10000-01-01", "2026-2-3",
             "24/11/2026", "2026年11月24日", "yesterday", "2026-11-24T08:00", "-2026-01-01", "1e5", ""]
BAD_NUMBERS = ["abc", "1.5", "-1", "-2147483649", "2147483648", "9223372036854775808", "9" * 40, "1e309",
               "NaN", "-inf", "０", "١٢٣", " 7 ", "0x1F", "", "+0"]


def any_text(max_size=40):
    """Any code points, lone surrogates and control characters included."""
    return st.text(st.characters(codec=None, exclude_categories=()), max_size=max_size)


def long_text():
    return st.builds(lambda piece, size: (piece * (size // max(len(piece), 1) + 1))[:size],
                     st.sampled_from([SCRIPT, "长", "a", "\u202e", "\x1b", IMG]), st.integers(10_001, 30_000))


def hostile():
    return st.one_of(st.sampled_from(HOSTILE), any_text(), long_text())


def valid_dates():
    return st.dates(datetime.date(2020, 1, 1), datetime.date(2030, 12, 31)).map(datetime.date.isoformat)


def valid_numbers(item):
    low = int(item.attrs.get("min") or 0) if (item.attrs.get("min") or "0").lstrip("-").isdigit() else 0
    high = int(item.attrs["max"]) if (item.attrs.get("max") or "").lstrip("-").isdigit() else low + 200
    return st.integers(low, max(low, high)).map(str)


def field_values(item, foreign_ids):
    """One field's value: as the page offered it, a plausible one, a hostile one, another
    object's id, nothing at all, or several."""
    foreign = st.sampled_from(sorted(foreign_ids) or [1]).map(str)
    kind = item.kind
    default = st.just(item.value)
    if kind in ("select", "radio", "checkbox", "submit"):
        options = [option for option in item.options] or [""]
        good = st.sampled_from(options)
        if kind == "checkbox" or item.multiple:
            good = st.lists(st.sampled_from(options), max_size=min(len(options), 6), unique=True)
        plausible = st.one_of(good, default, good)
        strange = st.one_of(foreign, hostile())
    elif kind == "number":
        plausible = st.one_of(default, valid_numbers(item))
        strange = st.one_of(st.sampled_from(BAD_NUMBERS), st.integers().map(str), foreign, hostile())
    elif kind in ("date", "datetime-local", "month", "time"):
        plausible = st.one_of(default, valid_dates()) if kind == "date" else default
        strange = st.one_of(st.sampled_from(BAD_DATES), hostile())
    elif kind == "hidden":
        plausible = default
        strange = st.one_of(foreign, hostile(), st.sampled_from(BAD_NUMBERS))
    elif kind == "file":
        plausible = upload()
        strange = st.one_of(upload(), hostile())
    else:  # text, textarea, search, email, tel, url, password
        plausible = st.one_of(default, st.sampled_from(["测试", "青山村道路硬化", "13907310001", "a@b.cn"]),
                              st.just(SCRIPT), st.just(f"会议{IMG}"))
        strange = st.one_of(hostile(), foreign)
    return st.one_of(
        plausible, plausible, plausible,  # often plausible, so that some posts succeed and store text
        strange,
        st.just(None),  # missing
        st.lists(st.one_of(plausible, strange), min_size=2, max_size=3),  # several values
    )


class Upload:
    def __init__(self, name, content, content_type):
        self.name, self.content, self.content_type = name, content, content_type

    def __repr__(self):
        return f"Upload({self.name!r}, {len(self.content)} bytes, {self.content_type!r})"


def upload():
    names = st.sampled_from(["报告.pdf", "photo.jpg", "x.docx", f"{SCRIPT}.png", "../../etc/passwd", "a" * 300 + ".pdf",
                             "no-extension", "\u202efdp.exe", "", "evil.pdf\x00.exe", "名册.xlsx"])
    contents = st.sampled_from([b"", b"%PDF-1.4\n%junk", b"\x89PNG\r\n\x1a\n" + b"\x00" * 20, b"PK\x03\x04junk",
                                b"<html><script>alert(1)</script>", b"\xff\xd8\xff\xe0" + b"x" * 64])
    types = st.sampled_from(["application/pdf", "image/png", "application/octet-stream", "text/html", ""])
    return st.builds(Upload, names, contents, types)


def form_payload(form, foreign_ids):
    """A list of (name, value) pairs for one post; a value may be an Upload."""
    fields = [item for item in form.fields if item.name != "csrfmiddlewaretoken"]
    csrf = [item for item in form.fields if item.name == "csrfmiddlewaretoken"]

    def assemble(values, extra):
        pairs = [(item.name, item.value) for item in csrf]
        for item, value in zip(fields, values):
            if value is None:
                continue
            for one in (value if isinstance(value, list) else [value]):
                pairs.append((item.name, one))
        return pairs + extra

    extra = st.lists(st.tuples(st.sampled_from(["id", "pk", "user", "deputy", "unit", "status", "next", "__proto__"]),
                               st.one_of(st.sampled_from(sorted(foreign_ids) or [1]).map(str), hostile())), max_size=2)
    return st.builds(assemble, st.tuples(*[field_values(item, foreign_ids) for item in fields]), extra)


def _bytes(value):
    return value.encode("utf-8", "surrogatepass")


def urlencoded(pairs):
    return "&".join(f"{quote_from_bytes(_bytes(name))}={quote_from_bytes(_bytes(str(value)))}"
                    for name, value in pairs if not isinstance(value, Upload))


def multipart(pairs):
    """A multipart body built by hand: Django's test client cannot encode lone surrogates."""
    boundary = uuid.uuid4().hex
    lines = []
    for name, value in pairs:
        safe_name = _bytes(name).replace(b'"', b"%22")
        lines.append(b"--" + boundary.encode())
        if isinstance(value, Upload):
            filename = _bytes(value.name).replace(b'"', b"%22").replace(b"\r", b"").replace(b"\n", b"")
            lines.append(b'Content-Disposition: form-data; name="' + safe_name + b'"; filename="' + filename + b'"')
            lines.append(b"Content-Type: " + (value.content_type or "application/octet-stream").encode())
            lines.append(b"")
            lines.append(value.content)
        else:
            lines.append(b'Content-Disposition: form-data; name="' + safe_name + b'"')
            lines.append(b"")
            lines.append(_bytes(str(value)))
    lines.append(b"--" + boundary.encode() + b"--")
    lines.append(b"")
    return b"\r\n".join(lines), f"multipart/form-data; boundary={boundary}"
