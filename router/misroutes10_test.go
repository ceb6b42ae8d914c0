package router_test

import "testing"

// TestSession10Readings holds, in other words than the evaluation sets',
// the readings session 10 fixed.
func TestSession10Readings(t *testing.T) {
	webProd := []string{"the shop is half broken in prod, the payment page hangs", "web production: v3.1.0 since 09:12 by alice, no deployment running."}
	apiLocked := []string{"rollback the backend in prod", "↩️ Rollback api → production (#40) to 2.2.0: done ✅. api production stays locked until someone unlocks it with a reason."}
	frenchFreezes := []string{"y a des gels ?", "Gels en cours : tout (bob, « bascule DNS »), depuis le 02/02 07:00."}
	checkReadings(t, []reading{
		// A lock or a freeze said on a pronoun, or the verb alone, acts on
		// what the conversation just named.
		{"lock that", webProd, "command lock app=web env=production"},
		{"verrouille-la, raison : paiement cassé", webProd, "command lock app=web env=production reason=paiement cassé"},
		{"freeze it till tomorrow", webProd, "command freeze app=web env=production"},
		{"bon, unlock it: patched and checked", apiLocked, "command unlock app=api env=production reason=patched and checked"},
		{"déverrouille, tout est rentré dans l'ordre", apiLocked, "command unlock app=api env=production reason=tout est rentré dans l'ordre"},
		{"lève-la", frenchFreezes, "command unfreeze"},
		// Without a pointer, a freeze covers what it says; alone, a lock
		// asks.
		{"lock it", nil, "command lock"},
		{"freeze all: DNS switch", webProd, "command freeze all=yes reason=DNS switch"},
		// Sequel words are no project.
		{"verrouille alors", nil, "command lock"},
		// A list asked in sequel; what waits; what else the bot does.
		{"and the freezes?", nil, "command list what=freezes"},
		{"et les projets ?", nil, "command list what=projects"},
		{"so which ones are still waiting?", nil, "command pending"},
		{"tu sais faire quoi d'autre ?", nil, "command help"},
		{"which environments do you know about?", nil, "command list what=environments"},
		{"y a-t-il un gel prévu en août ?", nil, "command list what=freezes"},
		// Who did what: the audit; the state of everything.
		{"who approved what this month", nil, "command audit since=month"},
		{"qui a validé quoi aujourd'hui ?", nil, "command audit since=today"},
		{"audit trail of the week please, the client wants to know who deployed what", nil, "command audit since=week"},
		{"what's the state of all the projects?", nil, "command status"},
		{"quel est l'état des environnements ?", nil, "command status"},
	})
}
