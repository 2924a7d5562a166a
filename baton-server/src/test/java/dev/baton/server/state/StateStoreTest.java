package dev.baton.server.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.command.RegisterAgent;
import dev.baton.core.state.StateEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StateStoreTest {

    @Test
    void aListenerThatThrows_leavesTheBatchAppliedAndTheOtherListenersNotified() {
        StateStore store = new StateStore();
        List<StateEvent> heardAfter = new ArrayList<>();
        List<Long> indexedHeard = new ArrayList<>();
        store.addListener(events -> {
            throw new IllegalStateException("listener broke");
        });
        store.addListener(heardAfter::addAll);
        store.addIndexedListener(new StateStore.IndexedListener() {
            @Override
            public void onApplied(long index, List<StateEvent> events) {
                indexedHeard.add(index);
            }

            @Override
            public void onRestored(long index) {}
        });

        store.applyBatch(List.of(new RegisterAgent("a1", "one", List.of("cap"), Map.of(), 1, 1_000L)), 1, 7);

        assertThat(store.appliedIndex()).isEqualTo(7);
        assertThat(store.<Optional<?>>read(state -> state.agentById("a1"))).isPresent();
        assertThat(heardAfter).hasSize(1).first().isInstanceOf(StateEvent.AgentChanged.class);
        assertThat(indexedHeard).containsExactly(7L);
    }
}
