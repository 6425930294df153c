//! Build script: Tauri's code generation, and a placeholder UI when the real one is not built.
//!
//! `tauri::generate_context!` embeds `../ui/dist` when this crate compiles and fails when
//! the folder is missing. The UI is built separately (`npm run build` in `ui/`), so a Rust
//! build (CI's `cargo test`, `cargo clippy`) must not depend on Node: when `ui/dist` has no
//! `index.html`, one page saying how to build the UI is written there. `ui/dist` is ignored
//! by git, and a real build simply replaces it.

use std::path::Path;

const PLACEHOLDER: &str = r#"<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Muster</title></head>
<body style="font-family: system-ui, sans-serif; margin: 3rem; line-height: 1.5">
<h1>Muster</h1>
<p>The app's screens have not been built into this copy of Muster.</p>
<p>Build them with <code>npm ci &amp;&amp; npm run build</code> in the <code>ui</code> folder,
then build the app again.</p>
</body>
</html>
"#;

fn main() {
    let dist = Path::new("../ui/dist");
    let index = dist.join("index.html");
    if !index.exists() {
        if let Err(error) =
            std::fs::create_dir_all(dist).and_then(|()| std::fs::write(&index, PLACEHOLDER))
        {
            eprintln!(
                "cannot write the placeholder UI {}: {error}",
                index.display()
            );
            std::process::exit(1);
        }
        println!(
            "cargo::warning=ui/dist was not built; the app shows a placeholder page (npm run build in ui/ makes the real one)"
        );
    }
    // A real UI build replacing the placeholder must rebuild the embedded assets.
    println!("cargo::rerun-if-changed=../ui/dist");
    tauri_build::build();
}
