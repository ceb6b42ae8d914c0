package deploybot

import (
	"context"
	"time"
)

// InterviewStatus says where an interview stands.
type InterviewStatus string

// The states of an interview.
const (
	InterviewActive InterviewStatus = "active" // the next message of its user answers a question
	InterviewPaused InterviewStatus = "paused" // stopped; "configure PROJECT" resumes it
	InterviewDone   InterviewStatus = "done"   // every question was asked
)

// Interview is the questionnaire that fills the context layers of a
// project (and of the agency when its layer is empty), one question at a
// time, in one conversation.
type Interview struct {
	Platform  Platform
	Channel   string
	User      string
	Project   string // canonical name; empty for the agency alone
	Step      int    // index of the question being asked
	Agency    bool   // the agency questions come first
	Status    InterviewStatus
	Lang      Lang
	UpdatedAt time.Time
}

// InterviewStore keeps interviews, one per user and channel, so that they
// survive restarts and can be resumed.
type InterviewStore interface {
	// Interview returns the interview of user in channel; false if none.
	Interview(ctx context.Context, platform Platform, channel, user string) (Interview, bool, error)
	// SaveInterview creates or replaces the interview of its user and channel.
	SaveInterview(ctx context.Context, iv Interview) error
}
