package archive_test

const childEnv = "AWSEVENTS_ARCHIVE_CHILD"

func childMain() int { return 0 }
