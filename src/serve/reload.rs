//! What `serve` adds to every HTML page it sends: a live-reload client and,
//! while the latest rebuild failed, an overlay with the diagnostics. The
//! site on disk never contains either; they are added on the way out.

/// The URL of the server-sent event stream the client listens to.
pub(crate) const EVENTS_PATH: &str = "/__standin/events";

/// The element id of the error overlay.
pub(crate) const OVERLAY_ID: &str = "standin-errors";

/// `html` with the reload client (and the overlay, if `errors`) inserted
/// before `</body>`.
pub(crate) fn inject(html: &[u8], generation: u64, errors: Option<&str>) -> Vec<u8> {
    let mut extra = String::new();
    if let Some(errors) = errors {
        extra.push_str(&overlay(errors));
    }
    extra.push_str(&client(generation));
    let position = find_last(html, b"</body>").unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + extra.len());
    out.extend_from_slice(&html[..position]);
    out.extend_from_slice(extra.as_bytes());
    out.extend_from_slice(&html[position..]);
    out
}

fn find_last(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .rposition(|w| w.eq_ignore_ascii_case(needle))
}

/// The overlay, rendered on the server so that a page loaded while the
/// site is broken shows it at once.
fn overlay(errors: &str) -> String {
    format!(
        "<div id=\"{OVERLAY_ID}\" role=\"alert\" style=\"{OVERLAY_STYLE}\"><button type=\"button\" data-dismiss aria-label=\"Dismiss\" style=\"{CLOSE_STYLE}\">×</button>\
         <p style=\"margin:0 0 .5rem;font:600 1rem system-ui,sans-serif\">standin: the last change has errors. \
         This page shows the last good build until they are fixed.</p><pre style=\"{PRE_STYLE}\">{}</pre></div>",
        crate::markup::escape::html(errors)
    )
}

const CLOSE_STYLE: &str = "float:right;margin:-.4rem -.5rem 0 .5rem;background:none;border:0;color:#ffe9e7;font:600 1.4rem/1 system-ui,sans-serif;cursor:pointer";

const OVERLAY_STYLE: &str = "position:fixed;left:1rem;right:1rem;bottom:1rem;max-height:60vh;overflow:auto;z-index:2147483647;\
    background:#2b0b0b;color:#ffe9e7;border:2px solid #ff8a80;border-radius:8px;padding:1rem 1.2rem;box-shadow:0 8px 30px rgba(0,0,0,.4)";

/// The diagnostics' own look, whatever the site's stylesheet says about
/// `pre`.
const PRE_STYLE: &str = "margin:0;padding:.6rem .8rem;white-space:pre-wrap;overflow-wrap:anywhere;font:13px/1.45 ui-monospace,monospace;\
    background:#1a0505;color:#ffe9e7;border:1px solid #6b2a2a;border-radius:6px";

/// The client: reloads when a newer good build exists; shows, updates or
/// hides the overlay as rebuilds fail and succeed.
fn client(generation: u64) -> String {
    format!(
        r#"<script>(function(){{var built={generation},id="{OVERLAY_ID}",style="{OVERLAY_STYLE}";
var key="standin-dismissed";function dismissed(text){{try{{return sessionStorage.getItem(key)===text;}}catch(e){{return false;}}}}
function wire(o){{var b=o.querySelector("[data-dismiss]");if(b)b.onclick=function(){{try{{sessionStorage.setItem(key,o.querySelector("pre").textContent);}}catch(e){{}}o.remove();}};}}
function show(text){{if(dismissed(text)){{hide();return;}}var o=document.getElementById(id);if(!o){{o=document.createElement("div");o.id=id;o.setAttribute("role","alert");o.setAttribute("style",style);document.body.appendChild(o);}}
o.innerHTML="";var b=document.createElement("button");b.type="button";b.setAttribute("data-dismiss","");b.setAttribute("aria-label","Dismiss");b.style.cssText="{CLOSE_STYLE}";b.textContent="\u00d7";
var h=document.createElement("p");h.style.cssText="margin:0 0 .5rem;font:600 1rem system-ui,sans-serif";h.textContent="standin: the last change has errors. This page shows the last good build until they are fixed.";
var p=document.createElement("pre");p.style.cssText="{PRE_STYLE}";p.textContent=text;o.appendChild(b);o.appendChild(h);o.appendChild(p);wire(o);}}
function hide(){{var o=document.getElementById(id);if(o)o.remove();}}
var first=document.getElementById(id);if(first){{if(dismissed(first.querySelector("pre").textContent))first.remove();else wire(first);}}
var events=new EventSource("{EVENTS_PATH}");
events.onopen=function(){{document.documentElement.dataset.standinLive="open";}};
events.onmessage=function(e){{var s=JSON.parse(e.data);if(s.errors){{show(s.errors);}}else if(s.generation!==built){{location.reload();}}else{{hide();}}}};
}})();</script>"#
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn injects_before_the_last_body_close() {
        let html = b"<html><body><p>x</p></body></html>";
        let out = String::from_utf8(inject(html, 7, None)).unwrap();
        assert!(out.starts_with("<html><body><p>x</p><script>"));
        assert!(out.ends_with("</script></body></html>"));
        assert!(out.contains("var built=7"));
        assert!(!out.contains("<div id=\"standin-errors\""));
    }

    #[test]
    fn the_overlay_escapes_diagnostics() {
        let out = String::from_utf8(inject(
            b"<body></body>",
            1,
            Some("<script>x</script> & more"),
        ))
        .unwrap();
        assert!(out.contains("&lt;script&gt;x&lt;/script&gt; &amp; more"));
        assert!(out.contains(&format!("<div id=\"{OVERLAY_ID}\"")));
    }
}
