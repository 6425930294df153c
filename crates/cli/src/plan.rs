//! The plan of `muster run --dry-run`: every pending record looked up at the target and
//! reported as counts with a few examples of each; nothing is sent.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use anyhow::Result;
use indicatif::{ProgressBar, ProgressStyle};
use muster_engine::job::{Expected, Plan, PlanOptions, plan};
use muster_engine::store::Store;
use muster_engine::target::connector::Target;

/// Plans job `id` against `target` with a progress bar, and prints the plan.
pub async fn show(store: &mut Store, id: i64, target: &impl Target, json: bool) -> Result<Plan> {
    let cancel = Arc::new(AtomicBool::new(false));
    let on_interrupt = Arc::clone(&cancel);
    tokio::spawn(async move {
        if tokio::signal::ctrl_c().await.is_ok() {
            on_interrupt.store(true, Ordering::SeqCst);
        }
    });
    let bar = bar(store.counts(id)?.pending, json);
    let shown = bar.clone();
    let options = PlanOptions {
        cancel,
        progress: Box::new(move |planned| shown.set_position(planned)),
    };
    let result = plan(store, id, target, options).await;
    bar.finish_and_clear();
    let plan = result?;
    if json {
        let job = store.job(id)?;
        let out = serde_json::json!({ "job": job, "plan": plan });
        println!("{}", serde_json::to_string_pretty(&out)?);
    } else {
        print(&plan, &target.describe());
    }
    Ok(plan)
}

pub fn print(plan: &Plan, target: &str) {
    println!(
        "plan, looked up at {target}{}:",
        if plan.complete {
            ""
        } else {
            " (stopped early: only part of the records were looked up)"
        }
    );
    for expected in Expected::ALL {
        let count = plan.counts.of(expected);
        if count == 0 {
            continue;
        }
        let examples: Vec<String> = plan
            .samples
            .iter()
            .filter(|s| s.expected == expected)
            .map(|s| match &s.target_id {
                Some(id) => format!("row {} {} (id {id})", s.source_row, s.identifier),
                None => format!("row {} {}", s.source_row, s.identifier),
            })
            .collect();
        println!(
            "  {count:>7} {}, e.g. {}{}",
            expected.describe(),
            examples.join(", "),
            if count > examples.len() as u64 {
                ", …"
            } else {
                ""
            }
        );
    }
}

fn bar(total: u64, quiet: bool) -> ProgressBar {
    if quiet || !std::io::IsTerminal::is_terminal(&std::io::stderr()) {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(total);
    let style = ProgressStyle::with_template("{bar:30} {pos}/{len} records looked up")
        .unwrap_or_else(|_| ProgressStyle::default_bar());
    bar.set_style(style);
    bar
}
