"""Modules are built, edited and published in the admin, like quizzes, by their teacher."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.html import format_html

from learning.models import Quiz
from modules import services
from modules.models import Flashcard, Module, ModuleDocument, ModuleProgress
from quizgen.models import Document

MODULE_PUBLISHED = "Published “{module}”: students can study it now."
MODULE_UNPUBLISHED = "“{module}” is hidden from students again."
MODULE_NOT_PUBLISHED = "“{module}” was saved but not published: {reason}"


class ModuleDocumentInline(admin.TabularInline):
    model = ModuleDocument
    extra = 1
    ordering = ["position"]
    fields = ["document", "position"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "document" and not request.user.is_superuser:
            kwargs["queryset"] = Document.objects.filter(owner=request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class FlashcardForm(forms.ModelForm):
    """A card's wording, plus the teacher's hiding or correction of the fact under it."""

    fact_hidden = forms.BooleanField(
        label="hide this fact everywhere", required=False, help_text="In every module and card."
    )
    fact_corrected_text = forms.CharField(
        label="fact's corrected wording",
        required=False,
        widget=forms.TextInput(attrs={"size": 24}),
        help_text="Replaces the extracted words wherever the fact appears.",
    )
    fact_corrected_label = forms.ChoiceField(
        label="fact's kind (names)",
        required=False,
        choices=[("", "as extracted")] + [(label, label) for label in services.ACTOR_LABELS],
        help_text="A name read as the wrong kind (a museum as a person): choose the right one.",
    )

    class Meta:
        model = Flashcard
        fields = ["front_override", "back_override"]
        widgets = {
            "front_override": forms.Textarea(attrs={"rows": 2, "cols": 40}),
            "back_override": forms.TextInput(attrs={"size": 24}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        fact = self.instance.fact if self.instance.pk else None
        if fact is not None:
            self.fields["fact_hidden"].initial = fact.hidden
            self.fields["fact_corrected_text"].initial = fact.corrected_text
            self.fields["fact_corrected_label"].initial = fact.corrected_label
            if fact.kind != fact.Kind.ACTOR:
                self.fields["fact_corrected_label"].disabled = True


class FlashcardInline(admin.TabularInline):
    model = Flashcard
    form = FlashcardForm
    extra = 0
    can_delete = False
    ordering = ["position"]
    fields = [
        "generated",
        "front_override",
        "back_override",
        "fact_hidden",
        "fact_corrected_text",
        "fact_corrected_label",
        "stale",
    ]
    readonly_fields = ["generated", "stale"]

    def has_add_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("fact")

    @admin.display(description="generated card")
    def generated(self, card: Flashcard) -> str:
        if card.fact is None:
            return "(its fact is gone)"
        from modules.materials import flashcard_answer, flashcard_front

        card_text = f"{flashcard_front(card.fact)} → {flashcard_answer(card.fact)}"
        if card.fact.kind == card.fact.Kind.ACTOR and card.fact.shown_label:
            return f"{card_text} ({card.fact.shown_label})"
        return card_text


@admin.register(Module)
class ModuleAdmin(admin.ModelAdmin):
    list_display = ["title", "owner", "is_published", "published_at", "quiz", "pages"]
    list_filter = ["is_published"]
    search_fields = ["title"]
    inlines = [ModuleDocumentInline, FlashcardInline]
    actions = ["publish_selected", "unpublish_selected", "rebuild_selected"]
    readonly_fields = ["owner_name", "is_published", "published_at", "built_at"]
    change_form_template = "admin/modules/module/change_form.html"
    fieldsets = [
        (None, {"fields": ["title", "description", "quiz", "completion_rule"]}),
        (
            "Sections",
            {"fields": ["show_timeline", "show_key_figures", "show_whos_who", "show_flashcards"]},
        ),
        ("Publication", {"fields": ["owner_name", "is_published", "published_at", "built_at"]}),
    ]

    # A plain name: the admin would link a read-only owner to the user's page, which only
    # a superuser may open.
    @admin.display(description="owner")
    def owner_name(self, module: Module) -> str:
        if module.owner_id is None:
            return "–"
        return module.owner.get_full_name() or module.owner.get_username()

    @admin.display(description="pages")
    def pages(self, module: Module) -> str:
        return format_html(
            '<a href="{}">Study page</a> · <a href="{}">Class progress</a>',
            reverse("modules:study", args=[module.pk]),
            reverse("modules:class_progress", args=[module.pk]),
        )

    def get_queryset(self, request):
        queryset = super().get_queryset(request).select_related("owner", "quiz")
        return queryset if request.user.is_superuser else queryset.filter(owner=request.user)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "quiz" and not request.user.is_superuser:
            kwargs["queryset"] = Quiz.objects.filter(owner=request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.owner = request.user
        services.module_save(module=obj)

    def save_formset(self, request, form, formset, change):
        if formset.model is not Flashcard:
            super().save_formset(request, form, formset, change)
            return
        # The admin's change message reads these lists, which formset.save() would fill.
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
        for card_form in formset.forms:
            card = card_form.instance
            if not card.pk or not card_form.has_changed():
                continue
            formset.changed_objects.append((card, card_form.changed_data))
            services.flashcard_update(
                flashcard=card,
                front_override=card_form.cleaned_data.get("front_override", ""),
                back_override=card_form.cleaned_data.get("back_override", ""),
            )
            if card.fact is not None:
                label = card_form.cleaned_data.get("fact_corrected_label")
                try:
                    services.fact_update(
                        fact=card.fact,
                        hidden=card_form.cleaned_data.get("fact_hidden", False),
                        corrected_text=card_form.cleaned_data.get("fact_corrected_text", ""),
                        corrected_label=None if label is None else label,
                    )
                except ValidationError as error:
                    self.message_user(request, " ".join(error.messages), messages.ERROR)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        services.module_build(module=form.instance)

    def response_add(self, request, obj, post_url_continue=None):
        if "_publish" in request.POST:
            self._publish(request, obj)
            return HttpResponseRedirect(reverse("admin:modules_module_change", args=[obj.pk]))
        return super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        if "_publish" in request.POST:
            self._publish(request, obj)
            return HttpResponseRedirect(reverse("admin:modules_module_change", args=[obj.pk]))
        if "_unpublish" in request.POST:
            services.module_unpublish(module=obj)
            self.message_user(request, MODULE_UNPUBLISHED.format(module=obj), messages.SUCCESS)
            return HttpResponseRedirect(reverse("admin:modules_module_change", args=[obj.pk]))
        return super().response_change(request, obj)

    def _publish(self, request, module: Module) -> None:
        try:
            services.module_publish(module=Module.objects.get(pk=module.pk))
        except ValidationError as error:
            self.message_user(
                request,
                MODULE_NOT_PUBLISHED.format(module=module, reason=" ".join(error.messages)),
                messages.ERROR,
            )
            return
        self.message_user(request, MODULE_PUBLISHED.format(module=module), messages.SUCCESS)

    @admin.action(description="Publish selected modules")
    def publish_selected(self, request, queryset):
        for module in queryset:
            try:
                services.module_publish(module=module)
                self.message_user(request, f"Published “{module.title}”.", messages.SUCCESS)
            except ValidationError as error:
                self.message_user(
                    request, f"“{module.title}”: {' '.join(error.messages)}", messages.ERROR
                )

    @admin.action(description="Unpublish selected modules")
    def unpublish_selected(self, request, queryset):
        for module in queryset:
            services.module_unpublish(module=module)
        self.message_user(request, f"Unpublished {len(queryset)} module(s).", messages.SUCCESS)

    @admin.action(description="Rebuild flashcards from the documents' facts")
    def rebuild_selected(self, request, queryset):
        for module in queryset:
            services.module_build(module=module)
        self.message_user(request, f"Rebuilt {len(queryset)} module(s).", messages.SUCCESS)


@admin.register(ModuleProgress)
class ModuleProgressAdmin(admin.ModelAdmin):
    list_display = ["module", "student", "started_at", "completed_at"]
    list_filter = ["module"]
    readonly_fields = ["module", "student", "started_at", "completed_at"]

    def has_add_permission(self, request):
        return False  # A student's progress is recorded by their studying, not typed in.

    def get_queryset(self, request):
        queryset = super().get_queryset(request).select_related("module", "student")
        if request.user.is_superuser:
            return queryset
        return queryset.filter(module__owner=request.user)
