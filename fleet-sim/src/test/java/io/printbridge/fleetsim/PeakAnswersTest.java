package io.printbridge.fleetsim;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.netty.shaded.io.netty.channel.ConnectTimeoutException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class PeakAnswersTest {

    @Test
    void anAnswerIsNamedByItsStatusAndTheJobsState() {
        assertThat(PeakAnswers.ofAnswer(201, "DONE")).isEqualTo("DONE");
        assertThat(PeakAnswers.ofAnswer(200, "DONE")).isEqualTo("DONE");
        assertThat(PeakAnswers.ofAnswer(201, "SENT")).isEqualTo("late SENT");
        assertThat(PeakAnswers.ofAnswer(201, "FAILED")).isEqualTo("not done FAILED");
        assertThat(PeakAnswers.ofAnswer(201, null)).isEqualTo("http 201 without a state");
        assertThat(PeakAnswers.ofAnswer(429, null)).isEqualTo("refused 429");
        assertThat(PeakAnswers.ofAnswer(503, null)).isEqualTo("refused 503");
        assertThat(PeakAnswers.ofAnswer(400, null)).isEqualTo("http 400");
        assertThat(PeakAnswers.ofAnswer(500, null)).isEqualTo("http 500");
    }

    @Test
    void noAnswerIsATimeoutOrAConnectionThatFailedOrBroke() {
        assertThat(PeakAnswers.ofFailure(new HttpTimeoutException("request timed out")))
                .isEqualTo("timeout");
        assertThat(PeakAnswers.ofFailure(new CompletionException(new HttpTimeoutException("request timed out"))))
                .isEqualTo("timeout");
        assertThat(PeakAnswers.ofFailure(new ConnectTimeoutException("connection timed out")))
                .isEqualTo("no connection ConnectTimeoutException");
        assertThat(PeakAnswers.ofFailure(new CompletionException(new ConnectException("refused"))))
                .isEqualTo("no connection ConnectException");
        assertThat(PeakAnswers.ofFailure(new IOException("connection reset"))).isEqualTo("connection IOException");
    }

    @Test
    void aRequestGivenUpBeforeItWasSentIsAnErrorThatMadeNoJob() {
        String kind = PeakAnswers.ofFailure(new CompletionException(new ErpHttp.NotSent("cell over")));

        assertThat(kind).isEqualTo(PeakAnswers.NOT_SENT);
        assertThat(PeakAnswers.isError(kind)).isTrue();
        assertThat(PeakAnswers.mayHaveMadeAJob(kind)).isFalse();
    }

    @Test
    void onlyDoneAndLateAnswersAreNotErrors() {
        PeakAnswers answers = new PeakAnswers();
        answers.add("DONE");
        answers.add("DONE");
        answers.add("late SENT");
        answers.add("refused 429");
        answers.add("timeout");
        answers.add("not done FAILED");

        assertThat(answers.counts())
                .containsEntry("DONE", 2L)
                .containsEntry("late SENT", 1L)
                .hasSize(5);
        assertThat(answers.errors()).isEqualTo(3);
        assertThat(answers.refusals()).isEqualTo(1);
    }

    @Test
    void aRequestThatMayHaveMadeAJobIsOneThatReachedTheServerAndHeardNothingClear() {
        assertThat(PeakAnswers.mayHaveMadeAJob("timeout")).isTrue();
        assertThat(PeakAnswers.mayHaveMadeAJob("connection IOException")).isTrue();
        assertThat(PeakAnswers.mayHaveMadeAJob("http 500")).isTrue();
        assertThat(PeakAnswers.mayHaveMadeAJob("no connection ConnectException"))
                .isFalse();
        assertThat(PeakAnswers.mayHaveMadeAJob("refused 503")).isFalse();
        assertThat(PeakAnswers.mayHaveMadeAJob("http 400")).isFalse();
        assertThat(PeakAnswers.mayHaveMadeAJob("DONE")).isFalse();
        assertThat(PeakAnswers.mayHaveMadeAJob("late QUEUED")).isFalse();
    }
}
