package io.chorus.harness.history;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * One line of the history: something the harness did or saw, with its time. Times are microseconds since the Unix
 * epoch, taken from one {@link RunClock} so that they compare across threads. As in Jepsen, a send is an
 * {@link SendInvoke invoke} followed by exactly one completion: {@link SendOk ok} (a 202), {@link SendFail fail}
 * (a definite refusal) or {@link SendInfo info} (no answer: it may or may not have been accepted).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = SendInvoke.class, name = "invoke"),
    @JsonSubTypes.Type(value = SendOk.class, name = "ok"),
    @JsonSubTypes.Type(value = SendFail.class, name = "fail"),
    @JsonSubTypes.Type(value = SendInfo.class, name = "info"),
    @JsonSubTypes.Type(value = Receipt.class, name = "receipt"),
    @JsonSubTypes.Type(value = SessionOpen.class, name = "session-open"),
    @JsonSubTypes.Type(value = SessionClose.class, name = "session-close"),
    @JsonSubTypes.Type(value = SessionResync.class, name = "session-resync"),
    @JsonSubTypes.Type(value = HistoryRead.class, name = "history-read"),
    @JsonSubTypes.Type(value = PhaseWindow.class, name = "phase"),
    @JsonSubTypes.Type(value = FaultWindow.class, name = "fault"),
    @JsonSubTypes.Type(value = Sample.class, name = "sample"),
    @JsonSubTypes.Type(value = PushDevice.class, name = "push-device"),
    @JsonSubTypes.Type(value = Addressed.class, name = "addressed"),
    @JsonSubTypes.Type(value = PushReceived.class, name = "push"),
    @JsonSubTypes.Type(value = OperationInvoke.class, name = "op-invoke"),
    @JsonSubTypes.Type(value = OperationOk.class, name = "op-ok"),
    @JsonSubTypes.Type(value = OperationFail.class, name = "op-fail"),
    @JsonSubTypes.Type(value = MembershipFrame.class, name = "membership-frame"),
    @JsonSubTypes.Type(value = UnreadSeen.class, name = "unread-seen"),
    @JsonSubTypes.Type(value = ReactionsSeen.class, name = "reactions-seen"),
    @JsonSubTypes.Type(value = PushGone.class, name = "push-gone")
})
public sealed interface Op
        permits SendInvoke,
                SendOk,
                SendFail,
                SendInfo,
                Receipt,
                SessionOpen,
                SessionClose,
                SessionResync,
                HistoryRead,
                PhaseWindow,
                FaultWindow,
                Sample,
                PushDevice,
                Addressed,
                PushReceived,
                OperationInvoke,
                OperationOk,
                OperationFail,
                MembershipFrame,
                UnreadSeen,
                ReactionsSeen,
                PushGone {
    /** When it happened (for windows: when it started), in epoch microseconds. */
    long time();
}
