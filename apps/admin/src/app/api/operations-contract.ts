// Shapes of the overview, failed-jobs, retry and re-wrap endpoints, written from their agreed
// contract until the api's OpenAPI document (api-schema.ts) describes them.

export interface Overview {
  readonly days: number;
  readonly grantsByStatus: readonly {
    date: string;
    active: number;
    revoked: number;
    suspended: number;
  }[];
  readonly refreshOutcomes: readonly { date: string; succeeded: number; failed: number }[];
  readonly signIns: readonly { date: string; count: number }[];
  readonly tasksByState: Readonly<Record<string, number>>;
}

export interface FailedJob {
  readonly queue: string;
  readonly id: string;
  readonly name: string;
  readonly retryCount: number;
  readonly createdOn: string;
  readonly completedOn: string | null;
  readonly error: unknown;
}

export interface RewrapStatus {
  readonly remaining: number;
  readonly queued: boolean;
  readonly lastRun: { finishedAt: string; rewrapped: number } | null;
}
