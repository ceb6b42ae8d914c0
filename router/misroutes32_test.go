package router_test

import "testing"

// TestSession32ThirdPerson holds French lock verbs after their subject
// (holdout58, once read): "le bandeau cookies bloque tout" locked every
// project and environment, "le gel bloque tout" froze everything, "la
// prod bloque" locked production: the verb's imperative is also its third
// person, and a subject before it tells what something does.
func TestSession32ThirdPerson(t *testing.T) {
	checkNoOrders(t, nil, []string{
		"le bandeau cookies bloque tout",
		"ça bloque tout",
		"le bug bloque tout",
		"le client bloque tout le monde",
		"le gel bloque tout",
		"le bug gèle tout",
		"la prod bloque",
		"le bandeau cookies verrouille tout",
		"ça débloque tout",
		"le fix débloque tout le monde",
		"le client gèle la prod",
		"le client dégèle la prod demain",
		"ça verrouille la prod",
	})
	checkReadings(t, []reading{
		{"*urgent* : MEP du front en 3.0.8, le bandeau cookies bloque tout", nil, "action deploy app=web env=production version=3.0.8"},
		{"bloque tout", nil, "command lock all=yes"},
		{"bloque tout, incident", nil, "command lock all=yes reason=incident"},
		{"on bloque tout", nil, "command lock all=yes"},
		{"ok bloque tout", nil, "command lock all=yes"},
		{"bon ben gèle tout", nil, "command freeze all=yes"},
		{"la prod, gèle-la", nil, "command freeze env=production"},
		{"gel prod", nil, "command freeze env=production"},
		{"gèle le site du 27/11 au 30/11 : black friday", nil, "command freeze app=web dates=27/11 30/11 reason=black friday"},
	})
}
