"""Trainings and study visits (学习培训、考察学习) and research reports (调研报告): the office's lists
and forms, one record's page for its readers (the attendees, the author), and the files."""
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.concurrency import protect_edit, save_edit, submit_once
from core.exceptions import ApplicationError
from core.files import download_name, file_response
from core.forms import run_service
from core.permissions import get_object_for_user_or_404, office_required, reads_all_required, role_required
from core.roles import Role

from ..forms_training import (
    ResearchReportForm,
    TrainingCancelForm,
    TrainingFilterForm,
    TrainingForm,
    TrainingMaterialsForm,
    YearForm,
)
from ..models import TrainingMaterial
from ..permissions import (
    can_manage_research_report,
    can_view_training,
    deputy_of,
    get_research_report_for_user_or_404,
    get_training_for_user_or_404,
)
from ..selectors import trainings as selectors
from ..services import research as research_services
from ..services import trainings as services

PAGE_SIZE = 20


def _extra_query(request):
    query = request.GET.copy()
    query.pop("page", None)
    return f"{query.urlencode()}&" if query else ""


# --- trainings ----------------------------------------------------------------------------------

@reads_all_required
def training_list(request):
    """The year's trainings and study visits, with how many attended."""
    form = TrainingFilterForm(request.GET or None, years=selectors.training_years())
    filters = form.cleaned_data if form.is_valid() else {}
    year = filters.get("year") or selectors.today().year
    trainings = selectors.trainings_for_list(year=year, kind=filters.get("kind", ""), status=filters.get("status", ""))
    return render(request, "supervision/training_list.html", {
        "form": form, "year": year, "page_obj": Paginator(trainings, PAGE_SIZE).get_page(request.GET.get("page")),
        "extra_query": _extra_query(request), "can_manage": request.user.is_office,
    })


def _detail(request, training, *, materials_form=None, status=200):
    return render(request, "supervision/training_detail.html", {
        "training": training, **selectors.training_detail(training), "can_manage": request.user.is_office,
        "materials_form": materials_form or TrainingMaterialsForm(), "reads_all": request.user.reads_all,
        "can_hold": training.status == training.Status.PLANNED and training.start_date <= selectors.today(),
    }, status=status)


def training_detail(request, pk):
    """A training: its facts, attendees and materials, for the readers of everything and the attendees."""
    return _detail(request, get_training_for_user_or_404(request.user, pk))


@office_required
@submit_once
def training_create(request):
    form = TrainingForm(request.POST or None)
    if form.is_valid():
        training = run_service(form, services.training_create, actor=request.user, **form.cleaned_data)
        if training is not None:
            messages.success(request, _("The training is recorded. Attendees with an account have been told."))
            return redirect("supervision:training_detail", training.pk)
    return render(request, "supervision/training_form.html", {"form": form, "training": None})


@office_required
def training_update(request, pk):
    training = get_training_for_user_or_404(request.user, pk)
    attendees = list(training.attendees.all())
    initial = {name: getattr(training, name) for name in services.TRAINING_FIELDS} | {"attendees": attendees}
    form = protect_edit(TrainingForm(request.POST or None, initial=initial, keep=attendees), training)
    if form.is_valid():
        if save_edit(form, services.training_update, training=training, actor=request.user,
                       **form.cleaned_data) is not None:
            messages.success(request, _("The training is saved."))
            return redirect("supervision:training_detail", training.pk)
    return render(request, "supervision/training_form.html", {"form": form, "training": training})


@office_required
@submit_once
def training_hold(request, pk):
    """Confirm (GET) and record (POST) that a planned training took place."""
    training = get_training_for_user_or_404(request.user, pk)
    if request.method == "POST":
        try:
            services.training_hold(training=training, actor=request.user)
        except ApplicationError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The training is recorded as held: it counts in the attendees' records."))
        return redirect("supervision:training_detail", training.pk)
    return render(request, "supervision/training_confirm.html", {"training": training, "form": None})


@office_required
@submit_once
def training_cancel(request, pk):
    training = get_training_for_user_or_404(request.user, pk)
    form = TrainingCancelForm(request.POST or None)
    if form.is_valid():
        if run_service(form, services.training_cancel, training=training, actor=request.user,
                       reason=form.cleaned_data["reason"]) is not None:
            messages.success(request, _("The training is cancelled."))
            return redirect("supervision:training_detail", training.pk)
    return render(request, "supervision/training_confirm.html", {"training": training, "form": form})


@office_required
@require_POST
@submit_once
def training_materials_add(request, pk):
    training = get_training_for_user_or_404(request.user, pk)
    form = TrainingMaterialsForm(request.POST, request.FILES)
    if form.is_valid():
        added = run_service(form, services.training_materials_add, training=training, actor=request.user,
                            files=form.cleaned_data["files"])
        if added is not None:
            messages.success(request, _("%(count)d files added.") % {"count": len(added)})
            return redirect("supervision:training_detail", training.pk)
    return _detail(request, training, materials_form=form, status=400)


def _material_for_user_or_404(user, pk):
    return get_object_for_user_or_404(user, TrainingMaterial.objects.select_related("training"),
                                      lambda user, material: can_view_training(user, material.training), pk=pk)


@office_required
@require_POST
def training_material_remove(request, pk):
    material = _material_for_user_or_404(request.user, pk)
    services.training_material_remove(material=material, actor=request.user)
    messages.success(request, _("“%(name)s” is removed.") % {"name": material.name})
    return redirect("supervision:training_detail", material.training_id)


def training_material(request, pk):
    """A material of a training, for those who may see the training."""
    material = _material_for_user_or_404(request.user, pk)
    return file_response(material.file, filename=material.name)


# --- research reports ---------------------------------------------------------------------------

@reads_all_required
def research_list(request):
    form = YearForm(request.GET or None, years=selectors.research_years())
    year = (form.cleaned_data.get("year") if form.is_valid() else None) or selectors.today().year
    reports = selectors.research_for_list(year=year)
    deputy = deputy_of(request.user)
    return render(request, "supervision/research_list.html", {
        "form": form, "year": year, "page_obj": Paginator(reports, PAGE_SIZE).get_page(request.GET.get("page")),
        "extra_query": _extra_query(request),
        "can_create": request.user.is_office or (deputy is not None and request.user.has_role(Role.PRESIDIUM_MEMBER)),
    })


def research_detail(request, pk):
    report = get_research_report_for_user_or_404(request.user, pk)
    return render(request, "supervision/research_detail.html", {
        "report": report, "can_manage": can_manage_research_report(request.user, report),
    })


def _own_deputy(user):
    """The office writes for any presidium member; a presidium member only as themselves."""
    if user.is_office:
        return None
    deputy = deputy_of(user)
    if deputy is None:
        raise PermissionDenied
    return deputy


def _research_data(form):
    """The form's data for the service: a new upload, "" when the clear box is ticked, or no file
    at all (the form returns the kept document itself when nothing new was chosen)."""
    data = dict(form.cleaned_data)
    upload = data.pop("file", None)
    if upload is False:
        data["file"] = ""
    elif isinstance(upload, UploadedFile):
        data["file"] = upload
    return data


@role_required(Role.CHAIRMAN, Role.STAFF, Role.PRESIDIUM_MEMBER)
@submit_once
def research_create(request):
    own = _own_deputy(request.user)
    form = ResearchReportForm(request.POST or None, request.FILES or None, own_deputy=own,
                              initial={"author": own, "written_on": selectors.today()})
    if form.is_valid():
        report = run_service(form, research_services.research_report_create, actor=request.user,
                             **_research_data(form))
        if report is not None:
            messages.success(request, _("The research report is recorded."))
            return redirect("supervision:research_detail", report.pk)
    return render(request, "supervision/research_form.html", {"form": form, "report": None})


@role_required(Role.CHAIRMAN, Role.STAFF, Role.PRESIDIUM_MEMBER)
def research_update(request, pk):
    report = get_research_report_for_user_or_404(request.user, pk)
    if not can_manage_research_report(request.user, report):
        raise PermissionDenied
    initial = {name: getattr(report, name) for name in research_services.RESEARCH_FIELDS}
    form = ResearchReportForm(request.POST or None, request.FILES or None, initial=initial, report=report,
                              own_deputy=_own_deputy(request.user))
    protect_edit(form, report)
    if form.is_valid():
        if save_edit(form, research_services.research_report_update, report=report, actor=request.user,
                       **_research_data(form)) is not None:
            messages.success(request, _("The research report is saved."))
            return redirect("supervision:research_detail", report.pk)
    return render(request, "supervision/research_form.html", {"form": form, "report": report})


def research_file(request, pk):
    """The report document, for those who may see the report."""
    report = get_research_report_for_user_or_404(request.user, pk)
    return file_response(report.file, filename=download_name(report.title, report.file))
