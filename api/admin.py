from django.contrib import admin, messages

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
        # The service puts the user in the Integration group; the teachers are saved by the form.
        account = services.integration_account_create(user=obj.user, name=obj.name)
        obj.pk = account.pk
        obj.created_at = account.created_at
        if account.name != obj.name:
            super().save_model(request, obj, form, change)

    @admin.action(description="Issue API tokens (keeps existing ones)")
    def issue_tokens(self, request, queryset):
        for account in queryset.select_related("user"):
            services.token_issue(user=account.user)
        self.message_user(request, f"{queryset.count()} token(s) ready.", messages.SUCCESS)

    @admin.action(description="Revoke API tokens")
    def revoke_tokens(self, request, queryset):
        revoked = sum(services.token_revoke(user=account.user) for account in queryset)
        self.message_user(request, f"{revoked} token(s) revoked.", messages.SUCCESS)
