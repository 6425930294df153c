//! The plan of `muster run --dry-run`: every pending record looked up at the target and
//! reported as counts with a few examples of each; nothing is sent.

use anyhow::Result;
use muster_engine::job::{Expected, Plan, PlanOptions, plan};
use muster_engine::store::Store;
use muster_engine::target::connector::Target;

use crate::progress::{cancel_on_ctrl_c, records_bar};

/// Plans job `id` against `target` with a progress bar, and prints the plan.
pub async fn show(store: &mut Store, id: i64, target: &impl Target, json: bool) -> Result<Plan> {
    let cancel = cancel_on_ctrl_c();
    let bar = records_bar(
        store.counts(id)?.pending,
        json,
        "{bar:30} {pos}/{len} records looked up",
    );
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
