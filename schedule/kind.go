package schedule

import (
	"slices"

	"deploybot"
)

// Kind names what a reminder posts.
type Kind string

// The kinds of reminder. Each built-in kind is on by default for the
// channels that receive built-in reminders; KindCustom posts a text.
const (
	// KindWeekly is the summary of the week's windows, holidays and freezes,
	// on Monday morning (DefaultWeekly).
	KindWeekly Kind = "weekly_windows"
	// KindWindowOpen says, when a recommended window opens, until when it is
	// open. It runs only on days the window is really recommended (not on a
	// public holiday, its eve, or in a freeze).
	KindWindowOpen Kind = "window_open"
	// KindWindowClose says a recommended window has closed, and when the next
	// one opens.
	KindWindowClose Kind = "window_close"
	// KindAvoidStart warns, when an avoid window starts after a time one could
	// deploy (Friday noon with the default windows), that deployments are
	// to be avoided from then on.
	KindAvoidStart Kind = "avoid_start"
	// KindHolidayEve announces the public holidays ahead, with their eves, on
	// the last day one may deploy before them. It is checked at each run of
	// its cron (DefaultDaily).
	KindHolidayEve Kind = "holiday_eve"
	// KindFreezeStart announces a freeze on the last day one may deploy before
	// it; checked like KindHolidayEve.
	KindFreezeStart Kind = "freeze_start"
	// KindFreezeEnd says a freeze is over, on the first day one may deploy
	// after it; checked like KindHolidayEve.
	KindFreezeEnd Kind = "freeze_end"
	// KindPendingApprovals lists the deployments waiting for an approver for
	// longer than Scheduler.ApprovalAge (DefaultWatch). It runs only when
	// Scheduler.Approvals is set.
	KindPendingApprovals Kind = "pending_approvals"
	// KindHeldLocks lists the locks held for longer than Scheduler.LockAge
	// (DefaultWatch). It runs only when Scheduler.Locks is set.
	KindHeldLocks Kind = "held_locks"
	// KindCustom posts the reminder's message as written.
	KindCustom Kind = deploybot.ReminderCustom
	// KindRollbackDrill proposes, at its cron, a rollback drill of its
	// project's staging, with a button that asks for the drill's plan: it
	// never starts one without a person's confirmation. It says nothing
	// outside a recommended window. None exists unless configured.
	KindRollbackDrill Kind = "rollback_drill"
	// KindDORA posts the four DORA figures of the last seven days (of its
	// project, or of the agency) and their trend, on its cron (default
	// DefaultWeekly). It runs only when Scheduler.DORA is set. None exists
	// unless configured.
	KindDORA Kind = "dora"
)

// Builtins lists the built-in kinds.
var Builtins = []Kind{KindWeekly, KindWindowOpen, KindWindowClose, KindAvoidStart, KindHolidayEve, KindFreezeStart, KindFreezeEnd, KindPendingApprovals, KindHeldLocks}

// The default schedules of the built-in kinds that run on a cron, in the
// time zone of their agency or project.
const (
	DefaultWeekly = "0 9 * * MON"        // Monday 09:00
	DefaultDaily  = "0 9 * * *"          // every day at 09:00: holiday eves and freezes
	DefaultWatch  = "0 9-18 * * MON-FRI" // every working hour: approvals and locks
)

// KindFreezes is the configuration's kind for freezes and holiday eves; it
// names a family (see Expand), not a reminder.
const KindFreezes Kind = "freezes"

// families are the built-in kinds a configuration entry of each kind turns
// on. The configuration names three kinds; the other built-in kinds belong
// to one of them.
var families = map[Kind][]Kind{
	KindWeekly:           {KindWeekly, KindWindowOpen, KindWindowClose, KindAvoidStart},
	KindFreezes:          {KindFreezeStart, KindFreezeEnd, KindHolidayEve},
	KindPendingApprovals: {KindPendingApprovals, KindHeldLocks},
}

// DefaultCron returns the cron spec a built-in kind runs on when none is
// given, and "" for the kinds timed by the deployment windows.
func DefaultCron(k Kind) string {
	switch k {
	case KindWeekly, KindDORA:
		return DefaultWeekly
	case KindHolidayEve, KindFreezeStart, KindFreezeEnd:
		return DefaultDaily
	case KindPendingApprovals, KindHeldLocks:
		return DefaultWatch
	}
	return ""
}

// windowTimed reports whether k runs at the edges of the deployment windows
// rather than on a cron.
func windowTimed(k Kind) bool {
	return k == KindWindowOpen || k == KindWindowClose || k == KindAvoidStart
}

// Defaults returns every built-in reminder for channel and project ("" for
// agency-wide), on the default schedules, in lang.
func Defaults(channel, project string, lang deploybot.Lang) []deploybot.Reminder {
	out := make([]deploybot.Reminder, 0, len(Builtins))
	for _, k := range Builtins {
		out = append(out, deploybot.Reminder{Kind: string(k), Cron: DefaultCron(k), Channel: channel,
			Project: project, Lang: lang, CreatedBy: "builtin"})
	}
	return out
}

// Expand returns the reminders a configured one stands for. A custom
// reminder stands for itself. A built-in kind of the configuration turns
// on its family, on the configured cron where the kind runs on a cron:
//   - weekly_windows: the weekly summary at the cron, and the window
//     opening, closing and avoid warnings at the windows' edges;
//   - freezes: freeze starts and ends and holiday eves, checked at the cron;
//   - pending_approvals: pending approvals and held locks, checked at the
//     cron.
//
// Any other built-in kind stands for itself. The configured message
// introduces the first reminder of the family.
func Expand(r deploybot.Reminder) []deploybot.Reminder {
	fam, ok := families[Kind(r.Kind)]
	if !ok {
		if r.Kind == "" {
			r.Kind = string(KindCustom)
		}
		return []deploybot.Reminder{r}
	}
	out := make([]deploybot.Reminder, 0, len(fam))
	for i, k := range fam {
		x := r
		x.Kind = string(k)
		if windowTimed(k) {
			x.Cron = ""
		}
		if i > 0 {
			x.Message = ""
		}
		out = append(out, x)
	}
	return out
}

// IsBuiltin reports whether kind is a built-in kind.
func IsBuiltin(kind string) bool {
	return slices.Contains(Builtins, Kind(kind)) || Kind(kind) == KindRollbackDrill || Kind(kind) == KindDORA
}
