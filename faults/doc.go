// Package faults is deploybot's fault suite: end-to-end tests that build
// the deploybot binary, run `deploybot serve` against a fake Slack Web API
// and a shell executor, inject faults (kill -9, SIGTERM, duplicate and
// concurrent deliveries) and print their figures as lines that start with
// "FAULTS ". See README.md for how to run the short and full forms.
//
// The package holds only tests; this file gives it a name and its
// documentation.
package faults
