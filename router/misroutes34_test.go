package router_test

import "testing"

// TestSession34Choices holds answers to the bot's "Which one?" between
// deployments that wait for an approval, found in holdout61: a pre-release
// named by its tag's suffix ("the rc one", "la beta") is that one, when
// only one is, of the project named if one is; an order on the item ("approve
// the rc one") too.
func TestSession34Choices(t *testing.T) {
	which := []string{"approve", "❌ several deployments wait for your approval: #2 (api 2.5.0-rc1 → uat), #1 (api v2.4.1 → uat). Which one?"}
	twoRCs := []string{"approve", "❌ several deployments wait for your approval: #2 (api 2.5.0-rc1 → uat), #1 (api v2.4.1-rc2 → uat). Which one?"}
	noRC := []string{"approve", "❌ several deployments wait for your approval: #2 (api 2.5.0 → uat), #1 (api v2.4.1 → uat). Which one?"}
	beta := []string{"refuse", "❌ plusieurs déploiements attendent votre approbation : #2 (api 2.5.0-beta.1 → uat), #1 (api 2.4.1 → uat). Lequel ?"}
	checkReadings(t, []reading{
		{"the rc one", which, "command approve id=2"},
		{"the api rc one", which, "command approve id=2"},
		{"la beta", beta, "command deny id=2"},
		// Two pre-releases, none, or another project's: the bot asks again.
		{"the rc one", twoRCs, "command approve"},
		{"the rc one", noRC, "command approve"},
		{"the web rc one", which, "command approve"},
		// An order on an item of the list.
		{"approve the rc one", which, "command approve id=2"},
	})
	// Asked or refused, not chosen.
	checkNoOrders(t, which, []string{"the rc one?", "not the rc one", "the rc one, no"})
}
