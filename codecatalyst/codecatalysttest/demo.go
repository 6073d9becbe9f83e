package codecatalysttest

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/awsevents/awsevents/codecatalyst"
)

// NewEvent returns an entry named name at time at, with the fields the
// service always sends filled in plausibly: an AwsApiCall of the Management
// category from codecatalyst.amazonaws.com, READONLY for Get*, List* and
// Verify* names and MUTATION otherwise, by the user "test-user". Its ID is
// empty: Handler.Add gives it one. Change any field before adding it.
func NewEvent(name string, at time.Time) codecatalyst.EventLog {
	op := codecatalyst.OperationTypeMutation
	for _, p := range []string{"Get", "List", "Verify"} {
		if strings.HasPrefix(name, p) {
			op = codecatalyst.OperationTypeReadOnly
		}
	}
	return codecatalyst.EventLog{
		EventName:     name,
		EventType:     "AwsApiCall",
		EventCategory: "Management",
		EventSource:   "codecatalyst.amazonaws.com",
		EventTime:     at,
		OperationType: op,
		UserIdentity: codecatalyst.UserIdentity{
			UserType:    codecatalyst.UserTypeUser,
			PrincipalID: "test-user-principal",
			UserName:    "test-user",
		},
		SourceIPAddress: "192.0.2.10",
		UserAgent:       "codecatalysttest",
	}
}

// Series returns n entries made by NewEvent, named name, the first at start
// and each one every later than the one before: a few lines seed a long
// window.
func Series(name string, start time.Time, every time.Duration, n int) []codecatalyst.EventLog {
	out := make([]codecatalyst.EventLog, n)
	for i := range out {
		out[i] = NewEvent(name, start.Add(time.Duration(i)*every))
	}
	return out
}

// DemoSpace is the space Demo seeds with a day of activity, [DemoStart(), DemoEnd()).
const DemoSpace = "demo-space"

// DemoStart returns the start of the day of activity in DemoSpace,
// 2024-05-14T00:00:00Z.
func DemoStart() time.Time { return time.Date(2024, 5, 14, 0, 0, 0, 0, time.UTC) }

// DemoEnd returns the end of the day of activity in DemoSpace, 24 hours after
// DemoStart().
func DemoEnd() time.Time { return DemoStart().Add(24 * time.Hour) }

// Demo returns the demo dataset, a fresh copy on each call, to seed with
// WithSpaces (or WithDemo): DemoSpace with DemoEntries. It is to
// ivsrealtimetest.Demo what a space is to a stage.
func Demo() []Space { return []Space{{Name: DemoSpace, Entries: DemoEntries()}} }

// WithDemo seeds the Demo dataset: WithSpaces(Demo()...).
func WithDemo() Option { return WithSpaces(Demo()...) }

type demoUser struct {
	identity codecatalyst.UserIdentity
	ip, ua   string
}

var (
	demoAlice = demoUser{codecatalyst.UserIdentity{UserType: codecatalyst.UserTypeUser, PrincipalID: "4a6e2f0c-1b7d-4f6a-9c38-alice0000001", UserName: "alice"}, "203.0.113.17", "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) Firefox/125.0"}
	demoBob   = demoUser{codecatalyst.UserIdentity{UserType: codecatalyst.UserTypeUser, PrincipalID: "9d0c7b1e-52a4-4c3b-8e11-bob000000002", UserName: "bob"}, "198.51.100.42", "git/2.44.0"}
	demoCarol = demoUser{codecatalyst.UserIdentity{UserType: codecatalyst.UserTypeUser, PrincipalID: "c3f81d26-7e90-4b58-a2d4-carol0000003", UserName: "carol"}, "198.51.100.77", "aws-cli/2.15.40 Python/3.11.8"}
	demoCI    = demoUser{codecatalyst.UserIdentity{UserType: codecatalyst.UserTypeAWSAccount, PrincipalID: "AROAEXAMPLEWORKFLOWROLE", AWSAccountID: "111122223333"}, "52.94.133.131", "codecatalyst-workflows"}
	demoSys   = demoUser{codecatalyst.UserIdentity{UserType: codecatalyst.UserTypeUnknown, PrincipalID: "codecatalyst-system"}, "", "codecatalyst.amazonaws.com"}
)

// DemoEntries returns a realistic day of activity in DemoSpace, oldest
// first: alice sets up two projects and a repository and creates an access
// token, bob and carol push and read, the workflows of an AWS account run on
// each push, carol is denied a project deletion, and the service itself
// cleans up. There are read-only and mutating calls, users of every type,
// and request and response payloads (one holds a secret). The same call
// returns the same entries.
func DemoEntries() []codecatalyst.EventLog {
	var out []codecatalyst.EventLog
	add := func(at string, u demoUser, name, project, req, resp, errCode string) {
		t, err := time.Parse("15:04:05", at)
		if err != nil {
			panic(err) // the times below are constants
		}
		e := NewEvent(name, DemoStart().Add(time.Duration(t.Hour())*time.Hour+time.Duration(t.Minute())*time.Minute+time.Duration(t.Second())*time.Second))
		e.UserIdentity = u.identity
		e.SourceIPAddress, e.UserAgent = u.ip, u.ua
		e.ErrorCode = errCode
		if project != "" {
			e.ProjectInformation = &codecatalyst.ProjectInformation{Name: project, ProjectID: "prj-" + project}
		}
		if req != "" {
			e.RequestPayload = &codecatalyst.Payload{ContentType: "application/json", Data: req}
		}
		if resp != "" {
			e.ResponsePayload = &codecatalyst.Payload{ContentType: "application/json", Data: resp}
		}
		if name == "GitPush" {
			e.EventType = "GitOperation"
			e.EventCategory = "Data"
		}
		out = append(out, e)
	}
	add("08:52:10", demoAlice, "VerifySession", "", "", "", "")
	add("08:55:03", demoAlice, "GetSpace", "", `{"name":"demo-space"}`, `{"name":"demo-space","regionName":"us-west-2"}`, "")
	add("09:01:47", demoAlice, "CreateProject", "payments-api", `{"spaceName":"demo-space","displayName":"payments-api","description":"Card payments service"}`, `{"name":"payments-api","displayName":"payments-api"}`, "")
	add("09:03:12", demoAlice, "CreateSourceRepository", "payments-api", `{"name":"payments-service","description":"Go service"}`, `{"name":"payments-service"}`, "")
	add("09:04:30", demoAlice, "CreateSourceRepositoryBranch", "payments-api", `{"sourceRepositoryName":"payments-service","name":"develop","headCommitId":"4e1c9a2"}`, `{"name":"refs/heads/develop"}`, "")
	add("09:10:55", demoAlice, "CreateProject", "web-frontend", `{"spaceName":"demo-space","displayName":"web-frontend"}`, `{"name":"web-frontend","displayName":"web-frontend"}`, "")
	add("09:15:20", demoAlice, "CreateAccessToken", "", `{"name":"ci-token","expiresTime":"2024-06-14T00:00:00Z"}`, `{"name":"ci-token","secret":"ccpat-EXAMPLE-SECRET-do-not-log"}`, "")
	add("09:31:08", demoBob, "ListProjects", "", `{"spaceName":"demo-space"}`, "", "")
	add("09:33:41", demoBob, "GetSourceRepositoryCloneUrls", "payments-api", `{"sourceRepositoryName":"payments-service"}`, "", "")
	hours := []string{"09:48:02", "10:36:15", "11:22:40", "13:05:09", "14:02:33", "15:17:58", "16:44:21"}
	for i, h := range hours {
		pusher, project := demoBob, "payments-api"
		if i%2 == 1 {
			pusher, project = demoCarol, "web-frontend"
		}
		add(h, pusher, "GitPush", project, fmt.Sprintf(`{"ref":"refs/heads/main","commits":%d}`, i%3+1), "", "")
		ht, _ := time.Parse("15:04:05", h)
		run := ht.Add(47 * time.Second).Format("15:04:05")
		add(run, demoCI, "StartWorkflowRun", project, `{"workflowId":"wf-build-and-test","clientToken":"`+fmt.Sprint(1000+i)+`"}`, fmt.Sprintf(`{"id":"run-%04d","workflowId":"wf-build-and-test"}`, 100+i), "")
		done := ht.Add(6*time.Minute + 12*time.Second).Format("15:04:05")
		add(done, pusher, "GetWorkflowRun", project, fmt.Sprintf(`{"id":"run-%04d"}`, 100+i), `{"status":"SUCCEEDED"}`, "")
	}
	add("12:10:00", demoCarol, "CreateDevEnvironment", "web-frontend", `{"instanceType":"dev.standard1.small","persistentStorage":{"sizeInGiB":16}}`, `{"id":"de-0a1b2c3d"}`, "")
	add("12:58:30", demoCarol, "StopDevEnvironment", "web-frontend", `{"id":"de-0a1b2c3d"}`, `{"status":"STOPPING"}`, "")
	add("14:20:11", demoCarol, "DeleteProject", "payments-api", `{"spaceName":"demo-space","name":"payments-api"}`, "", "AccessDeniedException")
	add("14:21:02", demoCarol, "GetProject", "payments-api", `{"name":"payments-api"}`, `{"name":"payments-api"}`, "")
	add("15:40:44", demoAlice, "UpdateProject", "web-frontend", `{"description":"Customer-facing web app"}`, `{"name":"web-frontend"}`, "")
	add("17:30:00", demoBob, "ListWorkflowRuns", "payments-api", "", "", "")
	add("23:00:00", demoSys, "DeleteDevEnvironment", "web-frontend", `{"id":"de-0a1b2c3d","reason":"inactivity"}`, "", "")
	// Sort by time: the pushes above interleave with the calls around them.
	slices.SortStableFunc(out, func(a, b codecatalyst.EventLog) int { return a.EventTime.Compare(b.EventTime) })
	for i := range out {
		out[i].ID = fmt.Sprintf("6f1c2a9e-%04d-4c00-8000-0000000%05d", i+1, i+1)
		out[i].RequestID = fmt.Sprintf("b7e3c0de-%04d-4d2e-9f00-%012d", i+1, 7000+i)
	}
	return out
}
