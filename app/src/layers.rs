//! The layers of this crate, checked: code reaches only down this table, so a rule has one
//! home and features do not form loops. Lowest first:
//!
//! | layer | modules |
//! | --- | --- |
//! | 0 | `error`, `i18n`, `forms`, `ui`, `common` (types of both halves) |
//! | 1 | `ssr` (state, entities, links, tokens, rate limits, periods, flash, outbox, …) |
//! | 2 | `auth` |
//! | 3 | `standards`, `rosters`, `satisfaction` |
//! | 4 | `tickets` (with routing and a report's life), `bookings` |
//! | 5 | `oversight`, `open311` |
//! | 6 | `admin`, `jobs` |
//! | 7 | `app` (shell and route table), `lib` |
//!
//! Two more rules: an edge between modules of one layer is allowed only while the graph
//! stays free of loops; and a feature's `api.rs` (its server functions) may call any
//! feature's `ssr` half, but never another feature's `api`.
//!
//! The check reads every `crate::…` path in the sources (comments left out). Set
//! `LAYERS_SRC` to check another tree.
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

const LAYERS: &[(&str, u8)] = &[
    ("layers", 0),
    ("error", 0),
    ("i18n", 0),
    ("forms", 0),
    ("ui", 0),
    ("common", 0),
    ("ssr", 1),
    ("auth", 2),
    ("standards", 3),
    ("rosters", 3),
    ("satisfaction", 3),
    ("tickets", 4),
    ("bookings", 4),
    ("oversight", 5),
    ("open311", 5),
    ("admin", 6),
    ("jobs", 6),
    ("app", 7),
    ("lib", 7),
];

fn layer(module: &str) -> Option<u8> {
    LAYERS.iter().find(|(m, _)| *m == module).map(|(_, l)| *l)
}

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// Every `crate::a::b…` path in `line` as its segments (`crate::{a, b::c}` gives both).
fn paths(line: &str) -> Vec<Vec<String>> {
    let code = line.split("//").next().unwrap_or("");
    let mut out = Vec::new();
    let mut rest = code;
    while let Some(at) = rest.find("crate::") {
        let after = &rest[at + "crate::".len()..];
        if let Some(group) = after.strip_prefix('{') {
            let mut depth = 1;
            let end = group
                .char_indices()
                .find(|(_, c)| {
                    match c {
                        '{' => depth += 1,
                        '}' => depth -= 1,
                        _ => {}
                    }
                    depth == 0
                })
                .map(|(i, _)| i)
                .unwrap_or(group.len());
            let mut depth = 0;
            let mut start = 0;
            let inner = &group[..end];
            for (i, c) in inner.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        out.push(segments(&inner[start..i]));
                        start = i + 1;
                    }
                    _ => {}
                }
            }
            out.push(segments(&inner[start..]));
        } else {
            out.push(segments(after));
        }
        rest = after;
    }
    out.retain(|p| !p.is_empty());
    out
}

fn segments(s: &str) -> Vec<String> {
    s.trim()
        .split("::")
        .map(|seg| seg.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect::<String>())
        .take_while(|seg| !seg.is_empty())
        .collect()
}

/// What breaks the layers in the tree at `src`, one line each (file:line and why).
pub fn violations(src: &Path) -> Vec<String> {
    let mut all = Vec::new();
    files(src, &mut all);
    all.sort();
    let mut problems = Vec::new();
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut seen_at: BTreeMap<(String, String), String> = BTreeMap::new();
    for path in &all {
        let rel = path.strip_prefix(src).unwrap_or(path).to_string_lossy().replace('\\', "/");
        let from = rel.split('/').next().unwrap_or("").trim_end_matches(".rs").to_string();
        let Some(from_layer) = layer(&from) else {
            problems.push(format!("{rel}: module `{from}` has no layer; add it to LAYERS in layers.rs"));
            continue;
        };
        let is_api = rel.ends_with("/api.rs");
        let text = std::fs::read_to_string(path).unwrap_or_default();
        let mut in_test = false;
        for (n, line) in text.lines().enumerate() {
            // The check reads the crate's own code, not the unit tests at the end of a file.
            if line.trim_start().starts_with("mod tests") {
                in_test = true;
            }
            if in_test || line.trim_start().starts_with("//") {
                continue;
            }
            for p in paths(line) {
                let to = &p[0];
                if *to == from || to == "self" {
                    continue;
                }
                let Some(to_layer) = layer(to) else { continue };
                let at = format!("{rel}:{}", n + 1);
                if is_api && p.get(1).is_some_and(|s| s == "api") && layer(to).is_some_and(|l| l > 1) {
                    problems.push(format!("{at}: server functions of `{from}` call `{to}`'s server functions (use `{to}::ssr`)"));
                    continue;
                }
                if is_api && p.get(1).is_some_and(|s| s == "ssr") {
                    // Server functions may call any feature's rules.
                    continue;
                }
                if to_layer > from_layer {
                    problems.push(format!("{at}: `{from}` (layer {from_layer}) reaches up to `{to}` (layer {to_layer})"));
                    continue;
                }
                graph.entry(from.clone()).or_default().insert(to.clone());
                seen_at.entry((from.clone(), to.clone())).or_insert(at);
            }
        }
    }
    // Loops among what is left (edges within a layer).
    let mut state: BTreeMap<String, u8> = BTreeMap::new();
    fn visit(
        m: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        state: &mut BTreeMap<String, u8>,
        stack: &mut Vec<String>,
        found: &mut Vec<Vec<String>>,
    ) {
        state.insert(m.to_string(), 1);
        stack.push(m.to_string());
        for next in graph.get(m).into_iter().flatten() {
            match state.get(next.as_str()).copied().unwrap_or(0) {
                0 => visit(next, graph, state, stack, found),
                1 => {
                    let from = stack.iter().position(|s| s == next).unwrap_or(0);
                    let mut cycle = stack[from..].to_vec();
                    cycle.push(next.clone());
                    found.push(cycle);
                }
                _ => {}
            }
        }
        stack.pop();
        state.insert(m.to_string(), 2);
    }
    let mut cycles = Vec::new();
    for m in graph.keys() {
        if state.get(m.as_str()).copied().unwrap_or(0) == 0 {
            visit(m, &graph, &mut state, &mut Vec::new(), &mut cycles);
        }
    }
    for c in cycles {
        let at: Vec<String> = c.windows(2).filter_map(|w| seen_at.get(&(w[0].clone(), w[1].clone())).cloned()).collect();
        problems.push(format!("a loop: {} ({})", c.join(" → "), at.join(", ")));
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_read_from_use_lines_groups_and_code() {
        assert_eq!(paths("use crate::tickets::ssr::Env;"), vec![vec!["tickets", "ssr", "Env"]]);
        assert_eq!(
            paths("use crate::{error::AppError, forms::{FieldErrors, Problem}};"),
            vec![vec!["error", "AppError"], vec!["forms"]]
        );
        assert_eq!(paths("    let x = crate::ssr::now(); // crate::app::App"), vec![vec!["ssr", "now"]]);
    }

    #[test]
    fn code_reaches_only_down_the_layers_and_forms_no_loop() {
        let src = std::env::var("LAYERS_SRC").map(PathBuf::from).unwrap_or_else(|_| Path::new(env!("CARGO_MANIFEST_DIR")).join("src"));
        let problems = violations(&src);
        assert!(problems.is_empty(), "{} problems with the layers:\n{}", problems.len(), problems.join("\n"));
    }
}
