from django.contrib import admin, messages
from django.core.exceptions import ValidationError

from api import services
from api.models import ExternalIdentity, IntegrationAccount


class ExternalIdentityInline(admin.TabularInline):
    model = ExternalIdentity
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(IntegrationAccount)
class IntegrationAccountAdmin(admin.ModelAdmin):
    list_display = ["name", "user", "created_at"]
    search_fields = ["name", "user__username"]
    filter_horizontal = ["teachers"]
    autocomplete_fields = ["user"]
    inlines = [ExternalIdentityInline]
    actions = ["issue_tokens", "revoke_tokens"]

    def save_model(self, request, obj, form, change):
        teachers = form.cleaned_data.get("teachers", [])
        try:
            if change:
                services.integration_account_update(account=obj, name=obj.name, teachers=teachers)
            else:
                account = services.integration_account_create(
                    user=obj.user, name=obj.name, teachers=teachers
                )
                obj.pk, obj.created_at = account.pk, account.created_at
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)

    def save_related(self, request, form, formsets, change):
        # The teachers were set by the service in save_model; only the inlines remain.
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

    @admin.action(description="Issue API tokens (keeps existing ones)")
    def issue_tokens(self, request, queryset):
        for account in queryset.select_related("user"):
            services.token_issue(user=account.user)
        self.message_user(request, f"{queryset.count()} token(s) ready.", messages.SUCCESS)

    @admin.action(description="Revoke API tokens")
    def revoke_tokens(self, request, queryset):
        revoked = sum(services.token_revoke(user=account.user) for account in queryset)
        self.message_user(request, f"{revoked} token(s) revoked.", messages.SUCCESS)
