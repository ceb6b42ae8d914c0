package storetest

// Tests returns the suite, in the order it runs.
func Tests() []Test {
	return []Test{
		// Schema
		{"OpenFreshAppliesAllMigrations", testOpenFreshAppliesAllMigrations},
		{"ReopenAppliesNothingAndKeepsData", testReopenAppliesNothingAndKeepsData},
		{"OpenAcceptsLaterExpand", testOpenAcceptsLaterExpand},
		{"CompatNumber", testCompatNumber},
		{"OpenRefusesSchemaBeyondAccepted", testOpenRefusesSchemaBeyondAccepted},
		{"ConcurrentOpenOfNewDatabase", testConcurrentOpenOfNewDatabase},
		{"InboxMigrationKeepsSeenKeys", testInboxMigrationKeepsSeenKeys},
		// Audit and settings
		{"RecordMessageRoundTrip", testRecordMessageRoundTrip},
		{"ConcurrentWrites", testConcurrentWrites},
		// Inbox and seen keys
		{"InboxAdd", testInboxAdd},
		{"InboxAddConcurrent", testInboxAddConcurrent},
		{"InboxClaims", testInboxClaims},
		{"InboxClaimBatch", testInboxClaimBatch},
		{"UnfinishedInbox", testUnfinishedInbox},
		{"InboxOrder", testInboxOrder},
		{"PurgeInbox", testPurgeInbox},
		{"FirstSeen", testFirstSeen},
		{"FirstSeenConcurrent", testFirstSeenConcurrent},
		{"FirstSeenSharesTheInbox", testFirstSeenSharesTheInbox},
		// Deployments, leases, locks, drills
		{"DeploymentLifecycle", testDeploymentLifecycle},
		{"FindDeployments", testFindDeployments},
		{"HistoryRuns", testHistoryRuns},
		{"OneDeploymentPerRequest", testOneDeploymentPerRequest},
		{"OneMoveWins", testOneMoveWins},
		{"Leases", testLeases},
		{"Locks", testLocks},
		{"StartDeployment", testStartDeployment},
		{"OneStartWins", testOneStartWins},
		{"Freezes", testFreezes},
		{"Drills", testDrills},
		{"FirstCommitTimes", testFirstCommitTimes},
		// Settings, interviews, the model's use, the trail
		{"Settings", testSettings},
		{"Interviews", testInterviews},
		{"ModelUsage", testModelUsage},
		{"AuditEvents", testAuditEvents},
		{"AuditEventsLimit", testAuditEventsLimit},
		// Copies and backups
		{"CopyCoversEveryTable", testCopyCoversEveryTable},
		{"CopyRoundTrip", testCopyRoundTrip},
		{"BackupUnderWriteLoad", testBackupUnderWriteLoad},
		// Retention and erasure
		{"PurgeTexts", testPurgeTexts},
		{"Forget", testForget},
		// Reminders
		{"RemindersAreAddedListedAndDeletedWithTheirTrail", testRemindersAreAddedListedAndDeletedWithTheirTrail},
		{"ClaimRunIsExactlyOnce", testClaimRunIsExactlyOnce},
	}
}
