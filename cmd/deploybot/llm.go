package main

import (
	"fmt"
	"log/slog"
	"net/url"
	"strings"

	"deploybot"
	"deploybot/agents"
	"deploybot/config"
	"deploybot/llm"
)

// model builds the language model of the configuration: llm.base_url,
// llm.model, llm.timeout and the key from llm.api_key, which the
// configuration takes from the environment (${OPENAI_API_KEY}). A base URL
// on *.openai.azure.com is an Azure OpenAI resource, whose deployment is
// llm.model.
func (m *Main) model(cfg *config.Config, logger *slog.Logger) (deploybot.Model, error) {
	azure := false
	if u, err := url.Parse(cfg.LLM.BaseURL); err == nil && strings.HasSuffix(u.Hostname(), ".openai.azure.com") {
		azure = true
	}
	c, err := llm.New(llm.Config{BaseURL: cfg.LLM.BaseURL, APIKey: cfg.LLM.APIKey, Model: cfg.LLM.Model, Azure: azure,
		Timeout: cfg.LLM.Timeout, Logger: logger})
	if err != nil {
		return nil, fmt.Errorf("llm: %w", err)
	}
	return c, nil
}

// withModel turns the LLM mode on for o when the configuration names a
// model.
func (m *Main) withModel(o *agents.Orchestrator, cfg *config.Config, logger *slog.Logger) error {
	if !cfg.LLM.Enabled() {
		return nil
	}
	model, err := m.model(cfg, logger)
	if err != nil {
		return err
	}
	o.Model = model
	if cfg.LLM.RouteBelow > 0 {
		o.ModelRouteBelow = cfg.LLM.RouteBelow
	}
	o.Conversations = agents.NewConversations(cfg.LLM.HistoryTurns, 0)
	logger.Info("LLM mode on", "model", cfg.LLM.Model, "base_url", cfg.LLM.BaseURL)
	return nil
}
