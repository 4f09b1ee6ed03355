// The LTI login step inside an LMS's frame: when this browser keeps cookies here, go on with
// the login in the frame; when it does not, offer to open Quizgen in a new window.
(() => {
  const check = document.getElementById("cookie-check");
  if (!check) return;
  const flags = location.protocol === "https:" ? "; SameSite=None; Secure" : "";
  document.cookie = `quizgen_cookie_check=1; path=/${flags}`;
  if (document.cookie.includes("quizgen_cookie_check=1")) {
    document.cookie = `quizgen_cookie_check=; path=/; max-age=0${flags}`;
    location.replace(check.dataset.continue);
    return;
  }
  document.getElementById("cookie-check-opening").hidden = true;
  document.getElementById("cookies-blocked").hidden = false;
})();
