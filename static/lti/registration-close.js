// Dynamic registration is done: tell the learning platform to close its registration window
// (the IMS message "org.imsglobal.lti.close"). The platform's page may sit on an origin other
// than its issuer's, and the message carries nothing secret, so any origin may receive it.
(window.opener || window.parent).postMessage({ subject: "org.imsglobal.lti.close" }, "*");
