"""Find the portal's forms the way a person would: sign in as a role, open the dashboard, follow
every same-site link (a capped breadth-first walk) and note each <form> with its fields."""
import re
from collections import deque
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urljoin, urlsplit

from django.urls import Resolver404, resolve

# Links never followed: signing out ends the walk, the language switch changes every later page,
# and downloads (Excel, PDF, uploaded files) are not pages and some take seconds to draw.
SKIPPED_NAMES = {"logout", "set_language"}
DOWNLOAD_NAME = re.compile(r"(^|_)(export|file|letter|attachment|document|template|minutes|material|status)$")
SKIPPED_PREFIXES = ("/static/", "/media/", "/admin/")


@dataclass
class Field:
    name: str
    kind: str  # text, textarea, number, date, datetime-local, time, month, email, tel, url, password,
    #            hidden, checkbox, radio, select, file, submit
    value: str = ""
    options: list = field(default_factory=list)
    multiple: bool = False
    required: bool = False
    attrs: dict = field(default_factory=dict)


@dataclass
class Form:
    role: str
    page: str  # where the form was found
    method: str
    action: str  # path with query string
    url_name: str
    fields: list = field(default_factory=list)
    multipart: bool = False

    @property
    def key(self):
        return (self.role, self.method, self.url_name, frozenset(f.name for f in self.fields))

    def describe(self):
        return f"{self.role} {self.method.upper()} {self.url_name} ({self.action})"


class FormParser(HTMLParser):
    """Collects forms and links from one page; inputs outside a form are ignored."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms = []
        self.links = []
        self._form = None
        self._select = None
        self._option = None
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = {name: (value if value is not None else "") for name, value in attrs}
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        elif tag == "form":
            self._form = {"attrs": attrs, "fields": []}
            self.forms.append(self._form)
        elif self._form is None:
            return
        elif tag == "input" and attrs.get("name"):
            kind = attrs.get("type", "text").lower()
            if kind in ("button", "reset", "image"):
                return
            self._form["fields"].append(Field(
                name=attrs["name"], kind=kind, value=attrs.get("value", "on" if kind in ("checkbox", "radio") else ""),
                required="required" in attrs, attrs=attrs, multiple="multiple" in attrs,
                options=[attrs.get("value", "on")] if kind in ("checkbox", "radio") else [],
            ))
            if "checked" in attrs:
                self._form["fields"][-1].attrs["checked"] = True
        elif tag == "button" and attrs.get("name"):
            self._form["fields"].append(Field(name=attrs["name"], kind="submit", value=attrs.get("value", ""),
                                              options=[attrs.get("value", "")]))
        elif tag == "select" and attrs.get("name"):
            self._select = Field(name=attrs["name"], kind="select", multiple="multiple" in attrs,
                                 required="required" in attrs, attrs=attrs)
            self._form["fields"].append(self._select)
        elif tag == "option" and self._select is not None:
            self._option = attrs
            self._option_text = ""
        elif tag == "textarea" and attrs.get("name"):
            self._textarea = Field(name=attrs["name"], kind="textarea", required="required" in attrs, attrs=attrs)
            self._form["fields"].append(self._textarea)

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea.value += data
        if self._option is not None:
            self._option_text += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None
        elif tag == "option" and self._option is not None:
            value = self._option.get("value", self._option_text.strip())
            self._select.options.append(value)
            if "selected" in self._option:
                self._select.value = value
            self._option = None


def url_name(path):
    try:
        match = resolve(urlsplit(path).path)
    except Resolver404:
        return None
    return f"{match.namespace}:{match.url_name}" if match.namespace else match.url_name


def merge_radios(fields):
    """Radio buttons (and checkboxes) of one name become one field with every value as an option."""
    merged = {}
    result = []
    for item in fields:
        if item.kind in ("radio", "checkbox", "submit") and (item.kind, item.name) in merged:
            merged[(item.kind, item.name)].options.extend(item.options)
            continue
        if item.kind in ("radio", "checkbox", "submit"):
            merged[(item.kind, item.name)] = item
        result.append(item)
    return result


def crawl(client, role, *, start="/", max_pages=150, per_name=12, per_query_shape=1):
    """Walks the site as `client` sees it; returns (forms, visited paths, ids seen in paths).

    Pages of a URL name not opened yet come first; pages of one URL name are opened at most
    `per_name` times (a suggestion in each of its states shows different forms), and each set of
    query parameters at most `per_query_shape` times."""
    fresh = deque([start])
    queue = deque()
    seen = {start}
    name_counts = {}
    forms = []
    visited = []
    ids = set()
    while (fresh or queue) and len(visited) < max_pages:
        path = (fresh or queue).popleft()
        response = client.get(path)
        if response.status_code in (301, 302):
            target = response.url
            if target.startswith("/") and target not in seen:
                seen.add(target)
                fresh.append(target)
            continue
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        visited.append(path)
        parser = FormParser()
        parser.feed(response.content.decode("utf-8", "replace"))
        for raw in parser.forms:
            attrs = raw["attrs"]
            action = urljoin(path, attrs.get("action") or path)
            name = url_name(action)
            if name is None or name in SKIPPED_NAMES or not action.startswith("/"):
                continue
            forms.append(Form(role=role, page=path, method=attrs.get("method", "get").lower(), action=action,
                              url_name=name, fields=merge_radios(raw["fields"]),
                              multipart=attrs.get("enctype", "") == "multipart/form-data"))
        for href in parser.links:
            target = urljoin(path, href.split("#")[0])
            parts = urlsplit(target)
            if parts.scheme and parts.netloc not in ("", "testserver"):
                continue
            target = parts.path + (f"?{parts.query}" if parts.query else "")
            if not target.startswith("/") or target.startswith(SKIPPED_PREFIXES) or target in seen:
                continue
            name = url_name(target)
            if name is None or name in SKIPPED_NAMES or DOWNLOAD_NAME.search(name.split(":")[-1]):
                continue
            query = dict(parse_qsl(parts.query))
            if "export" in query or "format" in query or "download" in query:
                continue
            shape = (name, frozenset(query))
            counts_for = name_counts.setdefault(name, {})
            if sum(counts_for.values()) >= per_name or (query and counts_for.get(shape, 0) >= per_query_shape):
                continue
            (queue if counts_for else fresh).append(target)
            counts_for[shape] = counts_for.get(shape, 0) + 1
            seen.add(target)
            ids.update(int(number) for number in re.findall(r"/(\d+)/", parts.path))
    return forms, visited, ids
