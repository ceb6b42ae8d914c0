package deploybot

import "strings"

// Strategy is a deployment strategy.
type Strategy string

// The four strategies of the brief.
const (
	StrategyRecreate  Strategy = "recreate"
	StrategyRolling   Strategy = "rolling"
	StrategyBlueGreen Strategy = "blue-green"
	StrategyCanary    Strategy = "canary"
)

// Strategies lists the known strategies, from simplest to safest.
var Strategies = []Strategy{StrategyRecreate, StrategyRolling, StrategyBlueGreen, StrategyCanary}

// Valid reports whether s is a known strategy.
func (s Strategy) Valid() bool {
	for _, k := range Strategies {
		if s == k {
			return true
		}
	}
	return false
}

// Environment is one place a project runs.
type Environment struct {
	Name string // canonical name: "staging", "production", or a declared one ("uat", "demo")
	URL  string // public URL, if known
}

// Project is one application the agency deploys.
type Project struct {
	Name         string
	Aliases      []string
	Environments []Environment
}

// Names returns the project's name followed by its aliases.
func (p Project) Names() []string {
	return append([]string{p.Name}, p.Aliases...)
}

// Environment returns the environment called name, if the project has it.
func (p Project) Environment(name string) (Environment, bool) {
	for _, e := range p.Environments {
		if strings.EqualFold(e.Name, name) {
			return e, true
		}
	}
	return Environment{}, false
}
