//! Headless Chromium for the browser tests, driven over the DevTools
//! protocol. Every page error (uncaught exception, console error, failed
//! load) is recorded, so a test can fail on any of them.
//!
//! Without Chromium the tests print a loud SKIPPED line and pass, unless
//! `STANDIN_REQUIRE_BROWSER` is set (as `.ci/run` does), where they fail.

use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use headless_chrome::protocol::cdp::types::Event;
use headless_chrome::{Browser, LaunchOptions, Tab};

pub const CHROMIUM: &str = "/usr/bin/chromium";

/// A running browser, or `None` (with a loud message) when there is none.
pub fn browser(test: &str) -> Option<Browser> {
    if !Path::new(CHROMIUM).exists() {
        if std::env::var_os("STANDIN_REQUIRE_BROWSER").is_some() {
            panic!("{CHROMIUM} is missing but STANDIN_REQUIRE_BROWSER is set");
        }
        eprintln!(
            "\n*** SKIPPED browser test `{test}`: {CHROMIUM} not found (apt-get install chromium) ***\n"
        );
        return None;
    }
    let args = [
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--allow-file-access-from-files",
    ];
    let options = LaunchOptions {
        path: Some(CHROMIUM.into()),
        headless: true,
        sandbox: false,
        window_size: Some((1280, 900)),
        args: args.iter().map(std::ffi::OsStr::new).collect(),
        idle_browser_timeout: Duration::from_secs(120),
        ..LaunchOptions::default()
    };
    Some(Browser::new(options).expect("Chromium starts"))
}

/// A tab that records page errors.
pub struct Page {
    pub tab: Arc<Tab>,
    errors: Arc<Mutex<Vec<String>>>,
}

impl Page {
    pub fn open(browser: &Browser, url: &str) -> Page {
        let tab = browser.new_tab().expect("a tab opens");
        let errors = Arc::new(Mutex::new(Vec::new()));
        let sink = errors.clone();
        tab.add_event_listener(Arc::new(move |event: &Event| {
            let message = match event {
                Event::RuntimeExceptionThrown(e) => {
                    let details = &e.params.exception_details;
                    let description = details
                        .exception
                        .as_ref()
                        .and_then(|x| x.description.clone())
                        .unwrap_or_else(|| details.text.clone());
                    Some(format!("exception: {description}"))
                }
                Event::LogEntryAdded(e) if format!("{:?}", e.params.entry.level) == "Error" => {
                    Some(format!(
                        "log: {} {}",
                        e.params.entry.text,
                        e.params.entry.url.clone().unwrap_or_default()
                    ))
                }
                _ => None,
            };
            if let Some(message) = message {
                sink.lock().unwrap().push(message);
            }
        }))
        .expect("listener added");
        tab.enable_runtime().expect("runtime events");
        tab.enable_log().expect("log events");
        tab.set_default_timeout(Duration::from_secs(20));
        tab.navigate_to(url).expect("navigates");
        tab.wait_until_navigated().expect("page loads");
        Page { tab, errors }
    }

    /// Sets the viewport to `width` x `height` CSS pixels (a window cannot
    /// be made that narrow); `mobile` also emulates a phone's browser.
    pub fn set_viewport(&self, width: u32, height: u32, mobile: bool) {
        use headless_chrome::protocol::cdp::Emulation::SetDeviceMetricsOverride;
        self.tab
            .call_method(SetDeviceMetricsOverride {
                width,
                height,
                device_scale_factor: if mobile { 1.0 } else { 2.0 },
                mobile,
                scale: None,
                screen_width: None,
                screen_height: None,
                position_x: None,
                position_y: None,
                dont_set_visible_size: None,
                screen_orientation: None,
                viewport: None,
                display_feature: None,
                device_posture: None,
            })
            .expect("device metrics set");
    }

    /// Shows the page as a phone of `width` x `height` CSS pixels does,
    /// and reloads it.
    pub fn emulate_phone(&self, width: u32, height: u32) {
        self.set_viewport(width, height, false);
        self.tab.reload(true, None).expect("reloads");
        self.tab.wait_until_navigated().expect("page loads");
    }

    /// Every page error so far.
    pub fn errors(&self) -> Vec<String> {
        self.errors.lock().unwrap().clone()
    }

    pub fn assert_no_errors(&self) {
        let errors = self.errors();
        assert!(
            errors.is_empty(),
            "the page reported errors:\n{}",
            errors.join("\n")
        );
    }

    /// Evaluates JavaScript and returns its value as JSON.
    pub fn eval(&self, expression: &str) -> serde_json::Value {
        self.tab
            .evaluate(expression, false)
            .unwrap_or_else(|e| panic!("evaluate `{expression}`: {e}"))
            .value
            .unwrap_or(serde_json::Value::Null)
    }

    /// Waits until `expression` is truthy.
    pub fn wait_until(&self, expression: &str, timeout: Duration) {
        let start = Instant::now();
        loop {
            if self.eval(&format!("!!({expression})")) == serde_json::Value::Bool(true) {
                return;
            }
            if start.elapsed() > timeout {
                panic!(
                    "timed out waiting for `{expression}`; errors: {:?}; body: {}",
                    self.errors(),
                    self.eval("document.body.innerText")
                );
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// The trimmed text of every element matching `selector`.
    pub fn texts(&self, selector: &str) -> Vec<String> {
        let value = self.eval(&format!(
            "JSON.stringify(Array.from(document.querySelectorAll({})).map(e => e.textContent.replace(/\\s+/g, ' ').trim()))",
            serde_json::to_string(selector).unwrap()
        ));
        serde_json::from_str(value.as_str().unwrap_or("[]")).unwrap()
    }
}

/// A `file://` URL for a path.
pub fn file_url(path: &Path) -> String {
    format!("file://{}", path.canonicalize().unwrap().display())
}
