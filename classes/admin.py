"""Teachers manage their classes in the admin: name, term, co-teachers, the roster (upload,
accommodations, removal) and the assignments of quizzes and modules with their dates."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html

from classes import selectors, services
from classes.models import Assignment, Enrolment, SchoolClass
from learning.models import Quiz
from modules.models import Module
from roles.groups import TEACHER_GROUP

ROSTER_DONE = (
    "Enrolled {enrolled} student(s) ({created} new account(s)); {already} already in the class."
)


class EnrolmentInline(admin.TabularInline):
    model = Enrolment
    extra = 0
    fields = ["student", "source", "time_factor", "extra_minutes", "extra_attempts", "enrolled_at"]
    readonly_fields = ["student", "source", "enrolled_at"]
    verbose_name = "student"
    verbose_name_plural = "students (they join with the code, by a roster upload or from the LMS)"

    def has_add_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("student")


class AssignmentForm(forms.ModelForm):
    class Meta:
        model = Assignment
        fields = ["quiz", "module", "opens_at", "closes_at"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # An assignment's quiz or module does not change: delete it and assign the other.
            for name in ("quiz", "module"):
                if name in self.fields:
                    self.fields[name].disabled = True

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk:
            opens_at, closes_at = cleaned.get("opens_at"), cleaned.get("closes_at")
            if opens_at and closes_at and closes_at <= opens_at:
                raise ValidationError(services.ASSIGN_CLOSES_BEFORE_OPENING)
            return cleaned
        if not cleaned.get("quiz") and not cleaned.get("module"):
            return cleaned
        services.assignment_check(
            school_class=self.instance.school_class
            if self.instance.school_class_id
            else SchoolClass(),
            quiz=cleaned.get("quiz"),
            module=cleaned.get("module"),
            opens_at=cleaned.get("opens_at"),
            closes_at=cleaned.get("closes_at"),
        )
        return cleaned


class AssignmentInline(admin.TabularInline):
    model = Assignment
    form = AssignmentForm
    extra = 1
    fields = ["quiz", "module", "opens_at", "closes_at"]
    verbose_name_plural = "assignments (empty dates: the quiz's own)"

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if not request.user.is_superuser:
            if db_field.name == "quiz":
                kwargs["queryset"] = Quiz.objects.filter(owner=request.user)
            elif db_field.name == "module":
                kwargs["queryset"] = Module.objects.filter(owner=request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("quiz", "module")


class RosterForm(forms.Form):
    roster = forms.FileField(
        help_text="A CSV file whose first line names the columns: username (required), "
        "email, first_name, last_name."
    )


@admin.register(SchoolClass)
class SchoolClassAdmin(admin.ModelAdmin):
    list_display = ["name", "term", "owner", "join_code", "student_count", "pages"]
    search_fields = ["name", "term"]
    filter_horizontal = ["co_teachers"]
    readonly_fields = ["owner", "join_code", "pages"]
    fields = ["name", "term", "co_teachers", "owner", "join_code", "pages"]
    inlines = [EnrolmentInline, AssignmentInline]
    actions = ["renew_join_codes", "sync_lms_roster"]

    def get_queryset(self, request):
        return selectors.classes_taught(teacher=request.user)

    @admin.display(description="students", ordering="student_count")
    def student_count(self, school_class: SchoolClass) -> int:
        return school_class.student_count

    @admin.display(description="pages")
    def pages(self, school_class: SchoolClass) -> str:
        if not school_class.pk:
            return "–"
        return format_html(
            '<a href="{}">Results</a> · <a href="{}">Upload a roster</a>',
            reverse("classes:teach_class", args=[school_class.pk]),
            reverse("admin:classes_schoolclass_roster", args=[school_class.pk]),
        )

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "co_teachers":
            kwargs["queryset"] = (
                get_user_model()
                .objects.filter(is_staff=True, groups__name=TEACHER_GROUP)
                .exclude(pk=request.user.pk)
                .order_by("username")
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.owner = request.user
        services.class_save(school_class=obj, co_teachers=form.cleaned_data.get("co_teachers"))

    def save_related(self, request, form, formsets, change):
        # Co-teachers were set by the service in save_model; the inlines go through services.
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

    def save_formset(self, request, form, formset, change):
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
        school_class = form.instance
        for row in formset.forms:
            if not row.has_changed() and not formset._should_delete_form(row):
                continue
            instance = row.instance
            try:
                if formset._should_delete_form(row):
                    if instance.pk:
                        formset.deleted_objects.append(instance)
                        if formset.model is Enrolment:
                            services.enrolment_remove(enrolment=instance)
                        else:
                            services.assignment_delete(assignment=instance)
                    continue
                data = row.cleaned_data
                if formset.model is Enrolment:
                    services.enrolment_set_accommodations(
                        enrolment=instance,
                        time_factor=data["time_factor"],
                        extra_minutes=data["extra_minutes"],
                        extra_attempts=data["extra_attempts"],
                    )
                    formset.changed_objects.append((instance, row.changed_data))
                elif instance.pk:
                    services.assignment_update(
                        assignment=instance,
                        opens_at=data.get("opens_at"),
                        closes_at=data.get("closes_at"),
                    )
                    formset.changed_objects.append((instance, row.changed_data))
                elif data.get("quiz") or data.get("module"):
                    created = services.assignment_create(
                        school_class=school_class,
                        quiz=data.get("quiz"),
                        module=data.get("module"),
                        opens_at=data.get("opens_at"),
                        closes_at=data.get("closes_at"),
                    )
                    formset.new_objects.append(created)
            except ValidationError as error:
                self.message_user(request, " ".join(error.messages), messages.ERROR)

    @admin.action(description="Give the selected classes new join codes")
    def renew_join_codes(self, request, queryset):
        for school_class in queryset:
            services.class_join_code_renew(school_class=school_class)
        self.message_user(request, "New join codes given; the old ones no longer work.")

    @admin.action(description="Sync the roster from the LMS (classes made from an LMS course)")
    def sync_lms_roster(self, request, queryset):
        from lti.roster import class_roster_sync

        for school_class in queryset:
            try:
                synced = class_roster_sync(school_class=school_class)
            except ValidationError as error:
                self.message_user(request, " ".join(error.messages), messages.ERROR)
            else:
                self.message_user(request, str(synced), messages.SUCCESS)

    def get_urls(self):
        return [
            path(
                "<int:object_id>/roster/",
                self.admin_site.admin_view(self.roster_view),
                name="classes_schoolclass_roster",
            ),
            *super().get_urls(),
        ]

    def roster_view(self, request, object_id: int):
        school_class = self.get_queryset(request).filter(pk=object_id).first()
        if school_class is None or not self.has_change_permission(request, school_class):
            raise PermissionDenied
        errors: list[str] = []
        form = RosterForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            try:
                result = services.class_roster_import(
                    school_class=school_class, content=form.cleaned_data["roster"].read(2_000_001)
                )
            except ValidationError as error:
                errors = error.messages
            else:
                self.message_user(
                    request,
                    ROSTER_DONE.format(
                        enrolled=len(result.enrolled),
                        created=len(result.created),
                        already=len(result.already),
                    ),
                    messages.SUCCESS,
                )
                return redirect("admin:classes_schoolclass_change", school_class.pk)
        return TemplateResponse(
            request,
            "admin/classes/schoolclass/roster.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "original": school_class,
                "title": f"Upload a roster to {school_class}",
                "form": form,
                "errors": errors,
            },
        )
