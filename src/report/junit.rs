//! `--format junit`: a JUnit XML report for the test report views of GitLab, Jenkins and
//! Azure, valid against Jenkins' schema (tests/data/jenkins-junit-10.xsd). Each checked file
//! is a test suite (with `file` and `time`, which that schema allows on suites only) holding
//! one test case: it fails when the file has a finding at or above the failing severity
//! (errors; warnings too with `--deny warnings`); a file that could not be read is an error
//! case. The findings are the failure's text, one concise line each.

use super::Report;
use crate::catalogue::Lang;
use crate::rules::Severity;
use quick_junit::{NonSuccessKind, TestCase, TestCaseStatus, TestSuite};
use std::time::Duration;

/// The failure types: what kind of problem a failed case is.
const FINDINGS: &str = "referat.findings";
const UNREADABLE: &str = "referat.unreadable";

pub fn render(report: &Report) -> String {
    let mut junit = quick_junit::Report::new("referat");
    let mut total = 0.0;
    for file in report.files {
        let diagnostics = report.of_file(&file.path);
        let failing = diagnostics
            .iter()
            .filter(|d| d.severity >= report.fail_on)
            .count();
        let lines: String = diagnostics
            .iter()
            .map(|d| super::concise::line(d, &d.message))
            .collect();
        let status = if failing == 0 {
            TestCaseStatus::success()
        } else {
            let mut status = TestCaseStatus::non_success(NonSuccessKind::Failure);
            status.set_message(failing_message(failing, report.fail_on, report.lang));
            status.set_type(FINDINGS);
            status.set_description(lines.clone());
            status
        };
        let time = Duration::from_secs_f64(file.seconds.max(0.0));
        total += file.seconds;
        let mut case = TestCase::new(file.path.clone(), status);
        case.set_classname("referat");
        case.set_time(time);
        if failing == 0 && !lines.is_empty() {
            case.set_system_out(lines);
        }
        let mut suite = TestSuite::new(file.path.clone());
        suite.set_time(time);
        suite.extra.insert("file".into(), file.path.clone().into());
        suite.add_test_case(case);
        junit.add_test_suite(suite);
    }
    for f in report.failures {
        let mut status = TestCaseStatus::non_success(NonSuccessKind::Error);
        status.set_message(f.message.clone());
        status.set_type(UNREADABLE);
        let mut case = TestCase::new(f.path.clone(), status);
        case.set_classname("referat");
        let mut suite = TestSuite::new(f.path.clone());
        suite.extra.insert("file".into(), f.path.clone().into());
        suite.add_test_case(case);
        junit.add_test_suite(suite);
    }
    junit.set_time(Duration::from_secs_f64(total.max(0.0)));
    let out = junit.to_string().expect("JUnit XML serializes");
    let mut out = without_skipped_on_testsuites(&out);
    if !out.ends_with('\n') {
        out.push('\n');
    }
    out
}

/// "2 findings at error or above", in the report's language.
fn failing_message(n: usize, fail_on: Severity, lang: Lang) -> String {
    match lang {
        Lang::En => format!(
            "{n} finding{} at {} or above",
            if n == 1 { "" } else { "s" },
            fail_on.as_str()
        ),
        Lang::Da => format!(
            "{n} fund på niveauet {} eller derover",
            match fail_on {
                Severity::Error => "fejl",
                Severity::Warning => "advarsel",
                Severity::Info => "info",
            }
        ),
    }
}

/// quick-junit writes `skipped` on `<testsuites>`, which Jenkins' schema does not allow
/// there (it does on `<testsuite>`): the attribute is taken out of that one start tag.
fn without_skipped_on_testsuites(xml: &str) -> String {
    let Some(start) = xml.find("<testsuites") else {
        return xml.to_string();
    };
    let end = start + xml[start..].find('>').unwrap_or(0);
    let tag = &xml[start..end];
    let Some(at) = tag.find(" skipped=\"") else {
        return xml.to_string();
    };
    let value_end =
        at + " skipped=\"".len() + tag[at + " skipped=\"".len()..].find('"').unwrap_or(0) + 1;
    format!("{}{}{}", &xml[..start + at], &tag[value_end..], &xml[end..])
}
