import { Injectable, inject } from '@angular/core';
import { MatDialog } from '@angular/material/dialog';
import { firstValueFrom } from 'rxjs';
import { type ReasonDialogData, ReasonDialogComponent } from './reason-dialog.component';

/** Opens the reason dialog; resolves with the reason, or undefined when the admin cancelled. */
@Injectable({ providedIn: 'root' })
export class ReasonDialog {
  private readonly dialog = inject(MatDialog);

  ask(data: ReasonDialogData): Promise<string | undefined> {
    const ref = this.dialog.open<ReasonDialogComponent, ReasonDialogData, string>(
      ReasonDialogComponent,
      { data, width: '520px', maxWidth: '95vw', autoFocus: 'first-tabbable' },
    );
    return firstValueFrom(ref.afterClosed());
  }
}
