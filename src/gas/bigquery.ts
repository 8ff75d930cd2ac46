/** The BigQuery advanced service behind BigQueryPort (regional deployment only: its manifest enables it). */
import type { BigQueryPort } from '../sheets/bigquery-export';

export function bigQueryService(): BigQueryPort {
  return {
    insertLoadJob(projectId, job, csv) {
      if (typeof BigQuery === 'undefined' || !BigQuery?.Jobs)
        throw new Error(
          'служба BigQuery не подключена к проекту скрипта (appsscript.json региональной сводки, enabledAdvancedServices)',
        );
      // The CSV travels as the job's media upload; its type tells BigQuery nothing, the job says CSV.
      const inserted = BigQuery.Jobs.insert(
        job,
        projectId,
        Utilities.newBlob(csv, 'application/octet-stream'),
      );
      return { jobId: inserted.jobReference?.jobId ?? inserted.id ?? '' };
    },
  };
}
