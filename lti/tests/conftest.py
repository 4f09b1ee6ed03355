import pytest
from lti_tool.models import Key, LtiDeployment, LtiRegistration

from lti.tests.platform import CLIENT_ID, DEPLOYMENT, ISSUER, Platform


@pytest.fixture
def platform(live_server):
    """The LMS, running, and what the site's administrator entered for it in the admin (LTI
    registrations, deployments)."""
    lms = Platform(tool_url=live_server.url)
    Key.objects.generate()
    lms.tool = LtiRegistration.objects.create(
        name="School Moodle",
        issuer=ISSUER,
        client_id=CLIENT_ID,
        auth_url=f"{lms.url}/auth",
        token_url=f"{lms.url}/token",
        keyset_url=f"{lms.url}/jwks",
    )
    lms.deployment = LtiDeployment.objects.create(
        registration=lms.tool, deployment_id=DEPLOYMENT, is_active=True
    )
    lms.registration.set_oidc_login_url(f"{live_server.url}/lti/login/{lms.tool.uuid}/")
    lms.live = live_server.url
    yield lms
    lms.stop()
