//! The real desktop app under WebDriver: `tauri-driver` (which drives WebKitGTK's
//! `WebKitWebDriver`) starts the built `muster-desktop` binary with a store of its own in a
//! temporary folder, and a fantoccini client talks to it. Needs an X display (Xvfb in CI:
//! `scripts/test` runs this test under `xvfb-run`).

use std::net::TcpListener;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::{Value, json};

/// How long a step may take before the test says what it was waiting for.
const PATIENCE: Duration = Duration::from_secs(60);

/// The app, its driver and its store. The driver runs in a process group of its own, so
/// that the WebKitWebDriver it starts goes with it: [`App::close`] ends the session (and
/// the app), and dropping the `App` (a failed test) stops the whole group.
pub struct App {
    pub client: Client,
    driver: Child,
    store_dir: tempfile::TempDir,
    shots: Option<PathBuf>,
}

impl Drop for App {
    fn drop(&mut self) {
        // tauri-driver's process group: itself and the WebKitWebDriver it started.
        let _ = Command::new("kill")
            .args(["-TERM", "--", &format!("-{}", self.driver.id())])
            .status();
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

/// The `muster-desktop` binary cargo built beside this test (`target/<profile>/`).
pub fn app_binary() -> PathBuf {
    let test = std::env::current_exe().expect("the test knows where it runs from");
    // target/<profile>/deps/desktop_e2e-… → target/<profile>/muster-desktop
    let profile_dir = test
        .parent()
        .and_then(Path::parent)
        .expect("the test binary lives in target/<profile>/deps");
    let binary = profile_dir.join(format!("muster-desktop{}", std::env::consts::EXE_SUFFIX));
    assert!(
        binary.is_file(),
        "{} is missing: build the app first (`cargo build -p muster-desktop`, as scripts/test does)",
        binary.display()
    );
    binary
}

fn tauri_driver() -> PathBuf {
    let on_path = std::env::var_os("PATH").into_iter().flat_map(|p| {
        std::env::split_paths(&p)
            .map(|dir| dir.join("tauri-driver"))
            .collect::<Vec<_>>()
    });
    let cargo_bin = std::env::var_os("HOME").map(|h| Path::new(&h).join(".cargo/bin/tauri-driver"));
    on_path.chain(cargo_bin).find(|p| p.is_file()).expect(
        "tauri-driver is missing: `cargo install tauri-driver --locked` (scripts/setup does)",
    )
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free loopback port")
}

impl App {
    /// Starts the app with an empty store (so the Start screen offers the sample) and the
    /// environment `env` added.
    pub async fn start(env: &[(&str, String)]) -> App {
        assert!(
            std::env::var_os("DISPLAY").is_some() || std::env::var_os("WAYLAND_DISPLAY").is_some(),
            "the desktop app needs a display: run this test under `xvfb-run -a` (scripts/test does)"
        );
        let store_dir = tempfile::tempdir().expect("a temporary folder");
        let port = free_port();
        let native_port = free_port();
        let mut command = Command::new(tauri_driver());
        command
            .args([
                "--port",
                &port.to_string(),
                "--native-port",
                &native_port.to_string(),
            ])
            .env("MUSTER_STORE", store_dir.path().join("muster.sqlite"))
            .process_group(0)
            .stdout(Stdio::null())
            .stderr(Stdio::inherit());
        for (key, value) in env {
            command.env(key, value);
        }
        let driver = command.spawn().expect("tauri-driver starts");
        let capabilities = json!({
            "browserName": "wry",
            "tauri:options": { "application": app_binary() },
        });
        let Value::Object(capabilities) = capabilities else {
            unreachable!("a JSON object literal")
        };
        let url = format!("http://127.0.0.1:{port}");
        let started = Instant::now();
        let client = loop {
            match ClientBuilder::new(HttpConnector::new())
                .capabilities(capabilities.clone())
                .connect(&url)
                .await
            {
                Ok(client) => break client,
                Err(error) if started.elapsed() < PATIENCE => {
                    let _ = error;
                    tokio::time::sleep(Duration::from_millis(250)).await;
                }
                Err(error) => panic!("no WebDriver session with the app at {url}: {error}"),
            }
        };
        let shots = (std::env::var_os("UPDATE_SCREENSHOTS").is_some_and(|v| v == "1"))
            .then(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/screenshots"));
        App {
            client,
            driver,
            store_dir,
            shots,
        }
    }

    /// Waits for a displayed element by XPath, saying what was awaited when it never comes.
    /// WebKitWebDriver's own idea of "displayed" misses some shown elements (Mantine's
    /// alerts, grid cells), so this takes the first match in the page that has a size.
    pub async fn wait(&self, xpath: &str, what: &str) -> Element {
        self.wait_for(xpath, what, true).await
    }

    /// Waits for an element to be in the page. Grid cells clip their text (an ellipsis),
    /// which WebKitWebDriver may count as not displayed.
    pub async fn wait_present(&self, xpath: &str, what: &str) -> Element {
        self.wait_for(xpath, what, false).await
    }

    async fn wait_for(&self, xpath: &str, what: &str, displayed: bool) -> Element {
        let started = Instant::now();
        loop {
            // The first match may be hidden (a screen reader's copy of a message), so look
            // at each one.
            for found in self
                .client
                .find_all(Locator::XPath(xpath))
                .await
                .unwrap_or_default()
            {
                if !displayed || has_size(&found).await {
                    return found;
                }
            }
            if started.elapsed() >= PATIENCE
                && let Ok(png) = self.client.screenshot().await
            {
                // The window as it was when the wait gave up, beside the test's other output.
                let _ = std::fs::write(std::env::temp_dir().join("muster-e2e-failure.png"), png);
            }
            assert!(
                started.elapsed() < PATIENCE,
                "waited {}s for {what} ({xpath}); the screen shows (picture: muster-e2e-failure.png in the temp folder):\n{}",
                PATIENCE.as_secs(),
                self.visible_text().await
            );
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    }

    /// The store the app writes, the one the CLI would read with `--store`.
    pub fn store_path(&self) -> PathBuf {
        self.store_dir.path().join("muster.sqlite")
    }

    /// Ends the session, which closes the app's window.
    pub async fn close(self) {
        let client = self.client.clone();
        client.close().await.expect("the WebDriver session ends");
    }

    /// Waits for the enabled button whose text starts with `prefix` ("Push 38 …").
    pub async fn button_starting(&self, prefix: &str) -> Element {
        let xpath = format!(
            "//button[not(@disabled) and not(@data-disabled) and starts-with(normalize-space(.), {})]",
            quoted(prefix)
        );
        self.wait(&xpath, &format!("a button starting \"{prefix}\""))
            .await
    }

    /// Waits until `text` is shown somewhere on the screen: the innermost element whose text
    /// (all of it, React splits text around each `{value}`) contains it.
    pub async fn wait_text(&self, text: &str) -> Element {
        let q = quoted(text);
        let xpath = format!(
            "//*[contains(normalize-space(.), {q}) and not(*[contains(normalize-space(.), {q})])]"
        );
        self.wait(&xpath, &format!("the text \"{text}\"")).await
    }

    /// Clicks the enabled button whose text (or accessible label) is `label`.
    pub async fn click_button(&self, label: &str) {
        let q = quoted(label);
        let xpath = format!(
            "//button[not(@disabled) and not(@data-disabled) and (normalize-space(.)={q} or @aria-label={q})]"
        );
        let button = self.wait(&xpath, &format!("the button \"{label}\"")).await;
        button.click().await.expect("the button takes the click");
    }

    /// The text the screen shows now, for failure messages.
    pub async fn visible_text(&self) -> String {
        match self.client.find(Locator::Css("body")).await {
            Ok(body) => body.text().await.unwrap_or_default(),
            Err(error) => format!("(no page: {error})"),
        }
    }

    /// Saves a picture of the window as docs/screenshots/NAME.png when UPDATE_SCREENSHOTS=1.
    pub async fn shot(&self, name: &str) {
        let Some(dir) = &self.shots else { return };
        let png = self
            .client
            .screenshot()
            .await
            .expect("a screenshot of the window");
        std::fs::write(dir.join(format!("{name}.png")), png).expect("the screenshot is written");
    }
}

/// Whether the element takes up room on the screen (a hidden copy has no box).
async fn has_size(element: &Element) -> bool {
    element
        .rectangle()
        .await
        .is_ok_and(|(_, _, width, height)| width > 0.0 && height > 0.0)
}

/// `text` as an XPath string literal (XPath 1 has no escapes: concat() around quotes).
pub fn quoted(text: &str) -> String {
    if !text.contains('\'') {
        format!("'{text}'")
    } else if !text.contains('"') {
        format!("\"{text}\"")
    } else {
        let parts: Vec<String> = text.split('\'').map(|p| format!("'{p}'")).collect();
        format!("concat({})", parts.join(", \"'\", "))
    }
}
