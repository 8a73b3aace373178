//! `--format junit`: a JUnit XML report with one test case per checked file, for the test
//! report views of GitLab, Jenkins and Azure. A file fails when it has a finding at or above
//! the failing severity (errors; warnings too with `--deny warnings`); a file that could not
//! be read is an error case. The findings are the failure's text, one concise line each.

use super::Report;
use quick_junit::{NonSuccessKind, TestCase, TestCaseStatus, TestSuite};

pub fn render(report: &Report) -> String {
    let mut suite = TestSuite::new("referat");
    for path in report.files {
        let diagnostics = report.of_file(path);
        let failing: Vec<_> = diagnostics
            .iter()
            .filter(|d| d.severity >= report.fail_on)
            .collect();
        let lines: String = diagnostics
            .iter()
            .map(|d| super::concise::line(d, &d.message))
            .collect();
        let status = if failing.is_empty() {
            TestCaseStatus::success()
        } else {
            let mut status = TestCaseStatus::non_success(NonSuccessKind::Failure);
            status.set_message(format!(
                "{} finding{} at {} or above",
                failing.len(),
                if failing.len() == 1 { "" } else { "s" },
                report.fail_on.as_str()
            ));
            status.set_type(failing[0].rule.clone());
            status.set_description(lines.clone());
            status
        };
        let mut case = TestCase::new(path.clone(), status);
        case.set_classname("referat");
        if failing.is_empty() && !lines.is_empty() {
            case.set_system_out(lines);
        }
        suite.add_test_case(case);
    }
    for f in report.failures {
        let mut status = TestCaseStatus::non_success(NonSuccessKind::Error);
        status.set_message(f.message.clone());
        status.set_type("referat/failure");
        let mut case = TestCase::new(f.path.clone(), status);
        case.set_classname("referat");
        suite.add_test_case(case);
    }
    let mut junit = quick_junit::Report::new("referat");
    junit.add_test_suite(suite);
    let mut out = junit.to_string().expect("JUnit XML serializes");
    if !out.ends_with('\n') {
        out.push('\n');
    }
    out
}
