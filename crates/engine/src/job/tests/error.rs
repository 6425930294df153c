use super::JobError;
use crate::target::connector::PushError;

#[test]
fn a_stopped_push_reads_as_sentences_then_says_how_to_go_on() {
    let clause = JobError::Push(PushError::Uncertain {
        message: "POST /users may or may not have been carried out: timed out. Look the record up before sending it again".into(),
    });
    assert_eq!(
        clause.to_string(),
        "POST /users may or may not have been carried out: timed out. Look the record up before sending it again. The job can be resumed with `muster jobs resume`."
    );
    let sentence = JobError::Push(PushError::Refused {
        message: "The token was refused.".into(),
    });
    assert_eq!(
        sentence.to_string(),
        "The token was refused. The job can be resumed with `muster jobs resume`."
    );
}
