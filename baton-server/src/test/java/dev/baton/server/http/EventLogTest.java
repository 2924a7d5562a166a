package dev.baton.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.api.AgentState;
import dev.baton.api.EventView;
import dev.baton.core.state.Agent;
import dev.baton.core.state.StateEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventLogTest {
    private final EventLog log = new EventLog();

    @Test
    void subscribe_afterCursor_replaysOnlyLaterEvents_thenLiveOnes() {
        log.startAt(0);
        log.onApplied(1, List.of(registered("a1"), registered("a2")));
        log.onApplied(2, List.of(registered("a3")));

        EventLog.Subscription sub = log.subscribe(v -> true, EventLog.Cursor.parse("1.0"));
        assertThat(sub.backlog()).extracting(EventView::id).containsExactly("1.1", "2.0");

        log.onApplied(3, List.of(registered("a4")));
        assertThat(sub.live().queue).extracting(EventView::id).containsExactly("3.0");
    }

    @Test
    void subscribe_fromNow_hasNoBacklog_andFromOldest_hasEverything() {
        log.startAt(0);
        log.onApplied(1, List.of(registered("a1")));
        assertThat(log.subscribe(v -> true, null).backlog()).isEmpty();
        assertThat(log.subscribe(v -> true, EventLog.Cursor.NONE).backlog()).extracting(EventView::id)
                .containsExactly("1.0");
    }

    @Test
    void subscribe_beforeWhatTheNodeStillHolds_getsAGapNoticeFirst() {
        log.startAt(10); // entries up to 10 were applied before this log listened
        log.onApplied(11, List.of(registered("a1")));
        EventLog.Subscription sub = log.subscribe(v -> true, EventLog.Cursor.parse("5.0"));
        assertThat(sub.backlog()).extracting(EventView::type).containsExactly("stream.gap", "agent.registered");

        assertThat(log.subscribe(v -> true, EventLog.Cursor.parse("11.0")).backlog()).isEmpty();
    }

    @Test
    void ring_dropsOldest_andReportsTheLossToLateResumers() {
        log.startAt(0);
        for (int i = 1; i <= EventLog.CAPACITY + 5; i++) {
            log.onApplied(i, List.of(registered("a" + i)));
        }
        List<EventView> backlog = log.subscribe(v -> true, EventLog.Cursor.parse("1.0")).backlog();
        assertThat(backlog.getFirst().type()).isEqualTo("stream.gap");
        assertThat(backlog.get(1).id()).isEqualTo("6.0");
        assertThat(backlog).hasSize(EventLog.CAPACITY + 1);
    }

    @Test
    void restoredSnapshot_restartsTheRing_andMarksEverythingBeforeItLost() {
        log.startAt(0);
        log.onApplied(1, List.of(registered("a1")));
        log.onApplied(2, List.of(registered("a2")));
        log.onRestored(100);
        log.onApplied(101, List.of(registered("a3")));
        assertThat(log.subscribe(v -> true, EventLog.Cursor.parse("1.0")).backlog()).extracting(EventView::id)
                .containsExactly(null, "101.0");
    }

    @Test
    void slowSubscriber_overflows_andIsToldToEnd_withoutBlockingApply() {
        log.startAt(0);
        EventLog.Subscription sub = log.subscribe(v -> true, null);
        List<StateEvent> many = new ArrayList<>();
        for (int i = 0; i <= EventLog.SUBSCRIBER_QUEUE; i++) {
            many.add(registered("a" + i));
        }
        log.onApplied(1, many);
        assertThat(sub.live().overflowed).isTrue();
        assertThat(sub.live().queue).containsExactly(EventLog.END);
    }

    @Test
    void filter_isAppliedToBacklogAndLive() {
        log.startAt(0);
        log.onApplied(1, List.of(registered("a1"), registered("a2")));
        EventLog.Subscription sub = log.subscribe(v -> "a2".equals(v.agentId()), EventLog.Cursor.NONE);
        log.onApplied(2, List.of(registered("a2"), registered("a3")));
        assertThat(sub.backlog()).extracting(EventView::id).containsExactly("1.1");
        assertThat(sub.live().queue).extracting(EventView::id).containsExactly("2.0");
    }

    @Test
    void agentChangeThatKeepsItsState_isNotStreamed() {
        log.startAt(0);
        Agent a = agent("a1");
        log.onApplied(1, List.of(new StateEvent.AgentChanged(a, a)));
        assertThat(log.subscribe(v -> true, EventLog.Cursor.NONE).backlog()).isEmpty();
    }

    @Test
    void close_wakesSubscribers_andRefusesNewOnes() {
        EventLog.Subscription sub = log.subscribe(v -> true, null);
        log.close();
        assertThat(sub.live().queue).containsExactly(EventLog.END);
        assertThat(log.subscribe(v -> true, null)).isNull();
    }

    @Test
    void cursor_parse_rejectsWhatIsNotAnEventId() {
        assertThat(EventLog.Cursor.parse("12.3")).isEqualTo(new EventLog.Cursor(12, 3));
        assertThat(EventLog.Cursor.parse("12")).isNull();
        assertThat(EventLog.Cursor.parse("x.1")).isNull();
        assertThat(EventLog.Cursor.parse(null)).isNull();
    }

    private static StateEvent registered(String id) {
        return new StateEvent.AgentChanged(null, agent(id));
    }

    private static Agent agent(String id) {
        return new Agent(id, "n-" + id, List.of("echo"), Map.of(), 1, AgentState.READY, 1, 1, List.of());
    }
}
