"""What the deputy's tests build: deputies who can sign in, files of each kind, items at each step."""
from django.core.files.uploadedfile import SimpleUploadedFile

from core.roles import Role
from motions.models import Assignment, CoSigner, Rating, Suggestion
from tests.factories import DeputyFactory, user_with_role, word_document_bytes
from tests.motions.factories import AssignmentFactory, CoSignerFactory, ReplyFactory, SuggestionFactory

S = Suggestion.Status

# The first bytes of each accepted kind of file, enough for the type check.
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 32
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
DOC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 32
DOCX = word_document_bytes()


def upload(name="现场照片.jpg", content=JPEG, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def deputy_account(name=None, **deputy_fields):
    """A deputy in office with an account of the deputy role; returns the Deputy (user at .user)."""
    user = user_with_role(Role.DEPUTY, **({"name": name} if name else {}))
    return DeputyFactory(user=user, **({"name": name} if name else {}), **deputy_fields)


def with_cosigners(item, confirmed=0, invited=0, declined=0):
    """Add co-signers in office to `item`, in the given numbers by status."""
    rows = []
    for status, count in ((CoSigner.Status.CONFIRMED, confirmed), (CoSigner.Status.INVITED, invited),
                          (CoSigner.Status.DECLINED, declined)):
        rows += [CoSignerFactory(suggestion=item, deputy=deputy_account(), status=status) for _ in range(count)]
    return rows


def replied_item(proposer, *, round=1, **item_fields):
    """An item of `proposer` answered by its lead unit (round 2: after one re-handling)."""
    item = SuggestionFactory(proposer=proposer, status=S.REPLIED, number=item_fields.pop("number", None),
                             **item_fields)
    lead = AssignmentFactory(suggestion=item, status=Assignment.Status.REPLIED)
    reply = ReplyFactory(assignment=lead, round=1)
    if round == 2:
        Rating.objects.create(reply=reply, deputy=proposer, satisfaction=Rating.Satisfaction.UNSATISFIED,
                              comment="路面仍未硬化")
        reply = ReplyFactory(assignment=lead, round=2)
    return item, lead, reply
